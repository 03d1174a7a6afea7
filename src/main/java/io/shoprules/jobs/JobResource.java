package io.shoprules.jobs;

import io.shoprules.access.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
@RolesAllowed(Roles.OPS)
public class JobResource {

    private final JobViews views;
    private final JobRunner runner;

    public JobResource(JobViews views, JobRunner runner) {
        this.views = views;
        this.runner = runner;
    }

    @GET
    @Operation(summary = "Each rule set's job: schedule, next run and last runs (start, end, facts read, decisions, actions, errors)")
    public List<JobView> jobs() {
        return views.all();
    }

    @GET
    @Path("{ruleSet}")
    @Operation(summary = "One job: schedule and last runs")
    @APIResponse(responseCode = "404", description = "No such rule set")
    public JobView job(@PathParam("ruleSet") String ruleSet) {
        return views.of(ruleSet);
    }

    @POST
    @Path("{ruleSet}/run")
    @Operation(summary = "Run a job now and answer when it has finished",
            description = "Streams the stored facts through the serving version; actions go to the outbox.")
    @APIResponse(responseCode = "200", description = "The finished run; status FAILED if it stopped part-way")
    @APIResponse(responseCode = "404", description = "No such rule set")
    @APIResponse(responseCode = "409", description = "A run of this job is under way")
    @APIResponse(responseCode = "503", description = "No version of the rule set is serving")
    public JobRunView run(@PathParam("ruleSet") String ruleSet) {
        return runner.run(ruleSet, JobTrigger.MANUAL);
    }
}

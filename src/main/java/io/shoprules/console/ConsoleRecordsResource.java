package io.shoprules.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.shoprules.actions.ActionQuery;
import io.shoprules.actions.Approvals;
import io.shoprules.actions.ActionStatus;
import io.shoprules.actions.ActionView;
import io.shoprules.actions.Outbox;
import io.shoprules.decisions.DecisionLog;
import io.shoprules.decisions.LoggedDecision;
import io.shoprules.decisions.DecisionQuery;
import io.shoprules.errors.InvalidInputException;
import io.shoprules.jobs.JobView;
import io.shoprules.jobs.JobViews;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** What the service did: decisions with a chart per day, actions to approve or retry, jobs to watch and run. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleRecordsResource {

    /** Rows shown on one page; the API pages further. */
    private static final int SHOWN = 100;
    /** Without a "since", the chart covers this many days back. */
    private static final int CHART_DAYS = 30;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance decisions(ConsolePage page, String ruleSet, String type, String subject,
                                                 String since, List<LoggedDecision> decisions, String chart);

        static native TemplateInstance actions(ConsolePage page, List<ActionView> waiting, List<ActionView> pending,
                                               List<ActionView> failed, List<ActionView> held, List<ActionView> stopped,
                                               String message);

        static native TemplateInstance jobs(ConsolePage page, List<JobView> jobs, boolean running, String message);

        static native TemplateInstance jobRuns(List<JobView> jobs, boolean running);
    }

    private final ConsoleSessions sessions;
    private final DecisionLog decisions;
    private final Outbox outbox;
    private final JobViews jobViews;
    private final ConsoleJobs consoleJobs;
    private final ObjectMapper json;
    private final Approvals approvals;

    public ConsoleRecordsResource(ConsoleSessions sessions, DecisionLog decisions, Outbox outbox, JobViews jobViews,
                                  ConsoleJobs consoleJobs, ObjectMapper json, Approvals approvals) {
        this.approvals = approvals;
        this.sessions = sessions;
        this.decisions = decisions;
        this.outbox = outbox;
        this.jobViews = jobViews;
        this.consoleJobs = consoleJobs;
        this.json = json;
    }

    @GET
    @Path("decisions")
    public String decisions(@RestCookie(ConsoleSessions.COOKIE) String session,
                            @QueryParam("ruleSet") @Size(max = 64) String ruleSet,
                            @QueryParam("type") @Pattern(regexp = "[A-Z_]{0,64}") String type,
                            @QueryParam("subject") @Size(max = 128) String subject,
                            @QueryParam("since") String since) throws JsonProcessingException {
        OffsetDateTime from = day("since", since);
        DecisionQuery shown = new DecisionQuery(blankAsAny(ruleSet), blankAsAny(subject), blankAsAny(type), from, 0, SHOWN);
        DecisionQuery charted = new DecisionQuery(shown.ruleSet(), shown.subject(), shown.type(),
                from != null ? from : LocalDate.now(ZoneOffset.UTC).minusDays(CHART_DAYS).atStartOfDay().atOffset(ZoneOffset.UTC),
                0, SHOWN);
        String chart = json.writeValueAsString(DecisionChart.of(decisions.perDay(charted)));
        return Templates.decisions(page("Decisions", "decisions", session), ruleSet, type, subject, since,
                decisions.find(shown), chart).render();
    }

    @GET
    @Path("actions")
    public String actions(@RestCookie(ConsoleSessions.COOKIE) String session) {
        return actionsPage(page("Actions", "actions", session), null);
    }

    @POST
    @Path("actions/{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String retry(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("id") long id,
                        @RestForm String csrf) {
        ConsolePage page = form(page("Actions", "actions", session), csrf);
        ActionView retried = outbox.retry(id);
        return actionsPage(page, "Action " + retried.id() + " (" + retried.type() + " " + retried.subject()
                + ") is " + retried.status() + " again, with a fresh set of attempts.");
    }

    /** An operator approves an action waiting for approval; recorded with the operator's name and note. */
    @POST
    @Path("actions/{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String approve(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("id") long id,
                          @RestForm String csrf, @RestForm @Size(max = 1000) String note) {
        ConsolePage page = form(page("Actions", "actions", session), csrf);
        ActionView approved = approvals.approve(id, page.operator(), note);
        return actionsPage(page, "Action " + approved.id() + " (" + approved.type() + " " + approved.subject()
                + ") is approved and " + approved.status() + ".");
    }

    @POST
    @Path("actions/{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String reject(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("id") long id,
                         @RestForm String csrf, @RestForm @Size(max = 1000) String note) {
        ConsolePage page = form(page("Actions", "actions", session), csrf);
        ActionView rejected = approvals.reject(id, page.operator(), note);
        return actionsPage(page, "Action " + rejected.id() + " (" + rejected.type() + " " + rejected.subject()
                + ") is rejected; it will not be delivered and its coupon is void.");
    }

    @GET
    @Path("jobs")
    public String jobs(@RestCookie(ConsoleSessions.COOKIE) String session) {
        List<JobView> jobs = jobViews();
        return Templates.jobs(page("Jobs", "jobs", session), jobs, anyRunning(jobs), null).render();
    }

    /** The runs table alone, polled by the jobs page while a run is under way. */
    @GET
    @Path("jobs/runs")
    public String jobRuns() {
        List<JobView> jobs = jobViews();
        return Templates.jobRuns(jobs, anyRunning(jobs)).render();
    }

    @POST
    @Path("jobs/{ruleSet}/run")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response run(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet,
                        @RestForm String csrf) {
        ConsolePage page = form(page("Jobs", "jobs", session), csrf);
        jobViews.of(ruleSet);
        boolean started = consoleJobs.start(ruleSet, page.operator());
        List<JobView> jobs = jobViews();
        String message = started ? "The " + ruleSet + " job is running; its progress shows below."
                : "A run of the " + ruleSet + " job is under way already.";
        return Response.status(started ? 200 : 409).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.jobs(page, jobs, started || anyRunning(jobs), message).render()).build();
    }

    private String actionsPage(ConsolePage page, String message) {
        List<ActionView> stopped = new java.util.ArrayList<>();
        for (ActionStatus status : List.of(ActionStatus.SUPPRESSED, ActionStatus.CANCELLED, ActionStatus.EXPIRED, ActionStatus.REJECTED)) {
            stopped.addAll(actions(status));
        }
        stopped.sort(java.util.Comparator.comparingLong(ActionView::id).reversed());
        return Templates.actions(page, actions(ActionStatus.PENDING_APPROVAL), actions(ActionStatus.PENDING), actions(ActionStatus.FAILED), actions(ActionStatus.HELD),
                stopped.subList(0, Math.min(stopped.size(), SHOWN)), message).render();
    }

    private List<ActionView> actions(ActionStatus status) {
        return outbox.find(new ActionQuery(null, null, status, null, null, null, 0, SHOWN));
    }

    private List<JobView> jobViews() {
        return jobViews.all();
    }

    private static boolean anyRunning(List<JobView> jobs) {
        return jobs.stream().anyMatch(JobView::running);
    }

    private ConsolePage page(String title, String section, String session) {
        return ConsolePage.of(title, section, sessions.read(session).orElseThrow(FormRefusedException::new));
    }

    private ConsolePage form(ConsolePage page, String csrf) {
        if (!ConsoleSessions.sameToken(page.csrf(), csrf)) {
            throw new FormRefusedException();
        }
        return page;
    }

    private static String blankAsAny(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static OffsetDateTime day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim()).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "a date such as 2026-03-10 is required");
        }
    }
}

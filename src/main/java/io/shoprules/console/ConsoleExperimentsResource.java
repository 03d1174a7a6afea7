package io.shoprules.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.shoprules.experiments.ExperimentView;
import io.shoprules.experiments.Experiments;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

import java.util.List;

/** Experiments in the console: every rule set's, one with its results, stopped or promoted by a form. */
@Path("/console/experiments")
@Produces(MediaType.TEXT_HTML)
public class ConsoleExperimentsResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance experiments(ConsolePage page, List<ExperimentView> experiments);

        static native TemplateInstance experiment(ConsolePage page, ExperimentView experiment,
                                                  ExperimentFigures figures, String message, boolean refused);
    }

    private final ConsoleSessions sessions;
    private final ConsoleRuleSets ruleSets;
    private final ConsoleExperiments consoleExperiments;
    private final Experiments experiments;

    public ConsoleExperimentsResource(ConsoleSessions sessions, ConsoleRuleSets ruleSets,
                                      ConsoleExperiments consoleExperiments, Experiments experiments) {
        this.sessions = sessions;
        this.ruleSets = ruleSets;
        this.consoleExperiments = consoleExperiments;
        this.experiments = experiments;
    }

    @GET
    public String list(@RestCookie(ConsoleSessions.COOKIE) String session) {
        List<ExperimentView> all = ruleSets.overview().stream()
                .flatMap(row -> experiments.list(row.name()).stream()).toList();
        return Templates.experiments(page("Experiments", session), all).render();
    }

    @GET
    @Path("{ruleSet}/{name}")
    public String show(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet,
                       @PathParam("name") String name) {
        ExperimentView experiment = experiments.show(ruleSet, name);
        return Templates.experiment(page("Experiment " + name, session), experiment, ExperimentFigures.of(experiment),
                null, false).render();
    }

    @POST
    @Path("{ruleSet}/{name}/stop")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String stop(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet,
                       @PathParam("name") String name, @RestForm String csrf) {
        Operator operator = formOf(session, csrf);
        ExperimentView stopped = experiments.stop(ruleSet, name, operator.name());
        return Templates.experiment(ConsolePage.of("Experiment " + name, "experiments", operator), stopped,
                ExperimentFigures.of(stopped), "Experiment " + name + " is " + stopped.status()
                        + ": the champion decides for everyone again.", false).render();
    }

    @POST
    @Path("{ruleSet}/{name}/promote")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response promote(@RestCookie(ConsoleSessions.COOKIE) String session, @PathParam("ruleSet") String ruleSet,
                            @PathParam("name") String name, @RestForm String csrf) {
        Operator operator = formOf(session, csrf);
        ConsoleExperiments.Promotion promotion = consoleExperiments.promote(ruleSet, name, operator.name());
        ExperimentView shown = promotion.experiment();
        return Response.status(promotion.status()).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.experiment(ConsolePage.of("Experiment " + name, "experiments", operator), shown,
                        ExperimentFigures.of(shown), promotion.message(), promotion.status() != 200).render())
                .build();
    }

    private ConsolePage page(String title, String session) {
        return ConsolePage.of(title, "experiments", operator(session));
    }

    private Operator operator(String session) {
        // the gate let the request through, so the session reads; it may have expired in between
        return sessions.read(session).orElseThrow(FormRefusedException::new);
    }

    private Operator formOf(String session, String csrf) {
        Operator operator = operator(session);
        if (!sessions.formTokenMatches(operator, csrf)) {
            throw new FormRefusedException();
        }
        return operator;
    }
}

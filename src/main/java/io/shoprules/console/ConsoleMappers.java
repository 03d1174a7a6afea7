package io.shoprules.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Console refusals answered as pages, not problem+json: a person reads them. */
public class ConsoleMappers {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance refused(ConsolePage page, String message);
    }

    /** A form without its session's token: the 403 page, whichever console resource refused it. */
    @ServerExceptionMapper
    public Response refused(FormRefusedException e) {
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.refused(new ConsolePage("Refused", null, null, null), e.getMessage()).render())
                .build();
    }
}

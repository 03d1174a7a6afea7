package io.shoprules.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.shoprules.engine.ConflictException;
import io.shoprules.engine.InvalidInputException;
import io.shoprules.engine.JsonPaths;
import io.shoprules.engine.RuleExecutionException;
import io.shoprules.engine.RuleLimitException;
import io.shoprules.engine.RuleSetUnavailableException;
import io.shoprules.engine.UnknownRuleSetException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;

/**
 * Every error leaves the service as {@code application/problem+json}. Bad input names the field;
 * server faults are logged here and answered without internals (no stack traces, no input echo).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidBody(ConstraintViolationException e) {
        List<ConstraintViolation<?>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> clientPath(v.getPropertyPath())))
                .toList();
        if (violations.isEmpty()) {
            return Problem.response(Response.Status.BAD_REQUEST, "invalid request", null);
        }
        ConstraintViolation<?> first = violations.get(0);
        String field = clientPath(first.getPropertyPath());
        List<String> all = violations.stream().map(v -> clientPath(v.getPropertyPath()) + ": " + v.getMessage()).toList();
        return Problem.response(400, "Bad Request", field + ": " + first.getMessage(), field, all);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonMappingException e) {
        String field = JsonPaths.of(e);
        field = field.startsWith(".") ? field.substring(1) : field;
        String reason = JsonPaths.reason(e);
        return Problem.response(Response.Status.BAD_REQUEST,
                field.isEmpty() ? "the body cannot be read: " + reason : field + ": " + reason, field.isEmpty() ? null : field);
    }

    /** Declared for the subtype too: Quarkus ships its own mapper for it, which would win otherwise. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return Problem.response(Response.Status.BAD_REQUEST,
                "malformed JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), null);
    }

    @ServerExceptionMapper
    public Response tooDeepOrTooLong(StreamConstraintsException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "the body exceeds a JSON limit: " + e.getOriginalMessage()
                .lines().findFirst().orElse(""), null);
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "the body is not valid JSON", null);
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage(), e.field());
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return Problem.response(Response.Status.UNAUTHORIZED, "an API key is required: Authorization: Bearer <key>", null);
    }

    @ServerExceptionMapper
    public Response badKey(AuthenticationFailedException e) {
        return Problem.response(Response.Status.UNAUTHORIZED, "the API key is not valid", null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(Response.Status.FORBIDDEN, "this API key's roles do not allow this request", null);
    }

    @ServerExceptionMapper
    public Response unknownRuleSet(UnknownRuleSetException e) {
        return Problem.response(Response.Status.NOT_FOUND, e.getMessage(), "ruleSet");
    }

    @ServerExceptionMapper
    public Response unavailable(RuleSetUnavailableException e) {
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage(), e.field());
    }

    /** The facts are fine; the serving rules ran past a limit on them (rule set authors must fix the rule). */
    @ServerExceptionMapper
    public Response ruleLimit(RuleLimitException e) {
        LOG.warn(e.getMessage());
        return Problem.response(422, "Unprocessable Content", e.getMessage(), null, List.of());
    }

    @ServerExceptionMapper
    public Response ruleFailed(RuleExecutionException e) {
        LOG.error(e.getMessage(), e);
        return Problem.response(500, "Internal Server Error",
                "a rule failed while evaluating these facts; the rule-set authors have been told in the log", null, List.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        Response.StatusType type = original.getStatusInfo();
        String detail = status >= 500 ? "the service could not answer this request" : e.getMessage();
        return Problem.response(status, type.getReasonPhrase(), detail, null, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return Problem.response(500, "Internal Server Error", "the service could not answer this request", null, List.of());
    }

    /** {@code decide.request.facts[3].onHand} becomes {@code facts[3].onHand}. */
    static String clientPath(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                out.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(node.getName());
            }
        }
        return out.toString();
    }
}

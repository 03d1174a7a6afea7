package io.shoprules.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.shoprules.engine.JsonPaths;
import io.shoprules.engine.RuleExecutionException;
import io.shoprules.engine.RuleLimitException;
import io.shoprules.engine.RuleSetRejectedException;
import io.shoprules.errors.ConflictException;
import io.shoprules.errors.InvalidInputException;
import io.shoprules.errors.NotFoundException;
import io.shoprules.errors.RuleSetUnavailableException;
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
    /** Long enough for a pool to free up or a failover to finish, short enough that a client's retry is timely. */
    private static final int RETRY_AFTER_SECONDS = 5;

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
        if (e.getCause() instanceof JsonParseException parse) {
            // the parser knows the field better than the mapping it interrupted
            return malformedJson(parse);
        }
        String field = JsonPaths.of(e);
        field = field.startsWith(".") ? field.substring(1) : field;
        String reason = e.getCause() instanceof StreamConstraintsException limit ? exceeded(limit) : JsonPaths.reason(e);
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
        String field = fieldAt(e.getProcessor());
        String where = " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String reason = malformation(e.getOriginalMessage());
        return Problem.response(Response.Status.BAD_REQUEST,
                (field == null ? "" : field + ": ") + reason + where, field);
    }

    @ServerExceptionMapper
    public Response tooDeepOrTooLong(StreamConstraintsException e) {
        return Problem.response(Response.Status.BAD_REQUEST, exceeded(e), null);
    }

    /** Jackson's own words name the limit and the size; its advice on raising the limit is cut off. */
    private static String exceeded(StreamConstraintsException e) {
        return "the body exceeds a JSON limit: "
                + e.getOriginalMessage().lines().findFirst().orElse("").replaceAll(",? from `[^`]*`", "");
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
    public Response notFound(NotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, e.getMessage(), e.field());
    }

    @ServerExceptionMapper
    public Response unavailable(RuleSetUnavailableException e) {
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage(), e.field());
    }

    /** A draft sent to be activated or previewed failed its checks; nothing was written or started. */
    @ServerExceptionMapper
    public Response draftRejected(RuleSetRejectedException e) {
        return Problem.response(422, "Unprocessable Content", "the draft of rule set " + e.ruleSet()
                + " failed its checks; nothing was written or started. errors lists each with file, line and column", null, e.errors());
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
        if (e.getCause() instanceof JsonProcessingException json) {
            // The JSON body reader wraps most Jackson errors in a bare "HTTP 400 Bad Request".
            return json(json);
        }
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
        if (DatabaseUnavailable.causedIt(e)) {
            LOG.warnf("database unavailable, answered 503: %s", e.toString());
            Response problem = Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                    "the database is unavailable; send the request again later", null);
            return Response.fromResponse(problem).header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.error("unexpected failure", e);
        return Problem.response(500, "Internal Server Error", "the service could not answer this request", null, List.of());
    }

    private Response json(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatched) {
            return mismatchedJson(mismatched);
        }
        if (e instanceof JsonMappingException mapping) {
            return unreadableJson(mapping);
        }
        if (e instanceof JsonParseException parse) {
            return malformedJson(parse);
        }
        if (e instanceof StreamConstraintsException constraints) {
            return tooDeepOrTooLong(constraints);
        }
        return otherJson(e);
    }

    /** What is wrong with the text, in words that quote none of it (Jackson's messages echo tokens). */
    private static String malformation(String message) {
        String text = message == null ? "" : message;
        if (text.contains("Invalid UTF-8") || text.contains("Invalid UTF-32") || text.contains("Unpaired surrogate")) {
            return "the body is not valid UTF-8";
        }
        if (text.startsWith("Duplicate field")) {
            return "the field appears twice";
        }
        if (text.contains("'NaN'") || text.contains("Infinity'")) {
            return "NaN and Infinity are not JSON numbers";
        }
        if (text.contains("end-of-input")) {
            return "the body ends before the JSON does";
        }
        if (text.contains("control character")) {
            return "a string holds an unescaped control character";
        }
        return "malformed JSON";
    }

    /** The field the parser stood at, in the {@code facts[3].onHand} form; null at the top level. */
    private static String fieldAt(Object processor) {
        if (!(processor instanceof JsonParser parser) || parser.getParsingContext() == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String step : parser.getParsingContext().pathAsPointer().toString().split("/")) {
            if (step.isEmpty()) {
                continue;
            }
            String name = step.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit) && !out.isEmpty()) {
                out.append('[').append(name).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(name);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    /**
     * {@code decide.request.facts[3].onHand} becomes {@code facts[3].onHand}; a violation of a path or
     * query parameter itself ({@code find.factId}) is named after the parameter.
     */
    static String clientPath(Path path) {
        StringBuilder out = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            }
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
        return out.isEmpty() && parameter != null ? parameter : out.toString();
    }
}

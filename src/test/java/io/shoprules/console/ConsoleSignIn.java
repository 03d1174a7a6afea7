package io.shoprules.console;

import io.restassured.response.Response;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Signs in to the console over plain HTTP, as a browser would, for the tests that need a session. */
final class ConsoleSignIn {

    private static final Pattern HIDDEN_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private ConsoleSignIn() {
    }

    /** The sign-in form's answer: its token cookie, and the token in its form. */
    static Response signInForm() {
        return given().redirects().follow(false).when().get("/console/sign-in");
    }

    static Response signIn(String key) {
        Response form = signInForm();
        return given().redirects().follow(false)
                .cookie(ConsoleSessions.SIGN_IN_COOKIE, form.getCookie(ConsoleSessions.SIGN_IN_COOKIE))
                .formParam("csrf", formToken(form.asString()))
                .formParam("key", key)
                .when().post("/console/sign-in");
    }

    /** The session cookie of an ops key. */
    static String session(String opsKey) {
        String cookie = signIn(opsKey).getCookie(ConsoleSessions.COOKIE);
        if (cookie == null || cookie.isEmpty()) {
            throw new AssertionError("signing in with an ops key gave no session cookie");
        }
        return cookie;
    }

    /** The form token of the first form on a console page. */
    static String formToken(String html) {
        Matcher token = HIDDEN_TOKEN.matcher(html);
        if (!token.find()) {
            throw new AssertionError("the page has no form token: " + html);
        }
        return token.group(1);
    }
}

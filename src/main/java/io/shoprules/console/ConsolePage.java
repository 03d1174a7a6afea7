package io.shoprules.console;

/**
 * What every console page's layout needs: its title, the navigation entry to mark, who is signed
 * in and the form token of their session (null on the sign-in page).
 */
public record ConsolePage(String title, String section, String operator, String csrf) {

    /** The webjar paths; their versions are the pom's, where the webjars are declared. */
    public static final String HTMX = "/webjars/htmx.org/2.0.4/dist/htmx.min.js";
    public static final String CHART_JS = "/webjars/chart.js/4.4.1/dist/chart.umd.js";

    public String htmx() {
        return HTMX;
    }

    public String chartJs() {
        return CHART_JS;
    }

    static ConsolePage of(String title, String section, Operator operator) {
        return new ConsolePage(title, section, operator.name(), operator.csrfToken());
    }
}

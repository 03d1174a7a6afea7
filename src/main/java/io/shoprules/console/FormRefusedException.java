package io.shoprules.console;

/** A console form arrived without the token of the session that is posting it: not sent from a console page. */
public class FormRefusedException extends RuntimeException {

    public FormRefusedException() {
        super("this form was not sent from a page of your console session");
    }
}

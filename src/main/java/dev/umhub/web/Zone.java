package dev.umhub.web;

/** What part of umhub a request is for; decides which of the front door's checks apply. */
public enum Zone {
    /** A source path (webhooks, signed events): open to senders, their own routes authenticate them. */
    INTAKE,
    /** The admin API: the admin token, same-origin writes. */
    ADMIN,
    /**
     * The console's pages and assets: they hold no data (what they show comes from the admin API, with the token), so
     * they are served to anyone the admin API's network rules let in, and show a login form first.
     */
    CONSOLE,
    /** Anything else on a server umhub owns whole (standalone): health is open, the rest needs the admin token. */
    OTHER,
    /** Not umhub's: an application embedding umhub keeps its own paths to itself. */
    NONE
}

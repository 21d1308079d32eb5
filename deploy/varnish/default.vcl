# Varnish 7 in front of the OCCE site's app servers (gunicorn).
#
# The policy lives in the application (httpcache/policy.py): this file keeps what the app
# servers say is public for as long as their s-maxage says, and no more. It adds:
# - a round-robin director over the app servers, each probed on /sante/ (site.vcl);
# - PURGE of an address, and of surrogate keys (`xkey-purge` / `xkey-softpurge` headers, the
#   xkey module of varnish-modules), from localhost and the `purgers` ACL only (site.vcl);
# - anonymous requests without cookies; the admin and logged-in visitors passed through;
# - grace: when every app server (or the database, which fails /sante/) is down, cached pages
#   are served stale for two days; uncached ones get the site's French 503 page.
#
# site.vcl, written by `manage.py write_varnish_config` (README), holds what differs from one
# installation to the next: the backends, their probe and their director `app`, the purgers' ACL,
# the 503 page (`error_page`). site.vcl.example shows one.
vcl 4.1;

import directors;
import std;
import xkey;

include "site.vcl";

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purge refusée"));
        }
        if (req.http.xkey-purge) {
            return (synth(200, "Purged " + xkey.purge(req.http.xkey-purge) + " objects"));
        }
        if (req.http.xkey-softpurge) {
            return (synth(200, "Softpurged " + xkey.softpurge(req.http.xkey-softpurge) + " objects"));
        }
        return (purge);
    }
    # The keys are for purging only: a client never sets them.
    unset req.http.xkey-purge;
    unset req.http.xkey-softpurge;

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The health endpoint answers for the app server behind it: never from the cache.
    if (req.url ~ "^/sante/") {
        return (pass);
    }
    # The admin, and whoever has a session (a logged-in editor): straight to the app servers.
    if (req.url ~ "^/admin(/|$)" || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Everybody else is anonymous: cookies (analytics, an old CSRF token) change nothing.
    unset req.http.Cookie;

    # With healthy app servers, an expired (or soft-purged) object is fetched again before it is
    # served; when they are all sick, it is served stale for up to the object's grace.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hash {
    # One site, one language: the address (and the scheme, so that a redirect to https is
    # never served over https) is the whole key, whatever Host the purger or the client sent.
    hash_data(req.url);
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # Only what the application marks public is kept; a response that sets a cookie never is.
    if (!beresp.http.Cache-Control || beresp.http.Cache-Control !~ "public" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Served stale while the app servers are away (vcl_recv): two days, so that a night and a
    # day without app servers or database go unnoticed by visitors of any page cached before.
    set beresp.grace = 2d;
    # An error while refreshing in the background keeps the stale copy.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_backend_error {
    # An app server that stopped mid-way (killed, restarted): the next one in turn, before the
    # probe has taken it out of the pool. Only for requests that are safe to send twice. The
    # round-robin turn is shared by every request, so a retry may land on the stopped server
    # again: a few tries (a refused connection fails at once), not one per server.
    if (bereq.retries < 4 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    # No app server answered and nothing was cached: the site's own French page.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.http.Cache-Control = "no-store";
    call error_page;
    set beresp.status = 503;
    set beresp.uncacheable = true;
    return (deliver);
}

sub vcl_synth {
    if (resp.status == 503) {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Retry-After = "30";
        call error_page;
        return (deliver);
    }
}

sub vcl_deliver {
    # Whether this answer came from the cache, for people and for the tests.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Keys and Varnish's internals are nobody else's business.
    unset resp.http.xkey;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    # Browsers keep pages only for max-age: s-maxage is the shared cache's.
}

package com.ticolops.bot.rest;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;

/** The public API's paths: everything under {@code /api/v1} except the console's own, which {@code ticolops.console.mode} governs. */
public final class ApiPaths {

    public static final String ROOT = "/api/v1";
    public static final String CONSOLE = ROOT + "/console";

    private ApiPaths() {
    }

    public static boolean isPublicApi(HttpServletRequest request) {
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        return (path.equals(ROOT) || path.startsWith(ROOT + "/")) && !(path.equals(CONSOLE) || path.startsWith(CONSOLE + "/"));
    }
}

package com.ticolops.bot.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks an endpoint's {@link RequiredScope} against the caller's token, after Spring Security has authenticated it.
 * An interceptor rather than {@code @PreAuthorize}: the scope is read from the endpoint itself, so the 403 can name the
 * missing scope in its details, and an endpoint of the public API without a declared scope is refused outright
 * rather than open to every token.
 */
@Configuration
class ScopeCheck implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns(ApiPaths.ROOT + "/**").excludePathPatterns(ApiPaths.CONSOLE + "/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().isAnnotationPresent(ApiController.class)) {
            return true;
        }
        RequiredScope required = method.getMethodAnnotation(RequiredScope.class);
        if (required == null) {
            throw new IllegalStateException(method + " is an endpoint of the public API without a @RequiredScope");
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof ApiCaller caller) || !caller.scopes().contains(required.value())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "insufficient_scope",
                    "This token may not do this: it needs the " + required.value().id() + " scope. Create a token with it: "
                            + "/ticolops token create <name> " + required.value().id(),
                    Map.of("required_scope", required.value().id()));
        }
        return true;
    }
}

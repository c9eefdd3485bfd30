package com.ticolops.bot.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.web.bind.annotation.RestController;

/**
 * A REST controller of the public API: its errors are answered in the envelope by {@link ApiErrors}, and it is reached
 * with a personal token. The console's controller is not one: it keeps its own {@code {"error": ...}} answers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
public @interface ApiController {
}

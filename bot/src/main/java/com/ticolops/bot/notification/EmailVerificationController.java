package com.ticolops.bot.notification;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The link of a verification email. Opening it proves the person reads that inbox, which is all the check needs: a
 * mail scanner that follows the link can only do so because the mail reached the inbox. A small page, not a JSON
 * answer, as a browser opens it.
 */
@RestController
class EmailVerificationController {

    static final String PATH = "/notifications/email/verify";

    private final NotificationPreferences preferences;

    EmailVerificationController(NotificationPreferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> verify(@RequestParam(defaultValue = "") String token) {
        try {
            NotificationPreferences.Verified verified = preferences.verify(token);
            return ResponseEntity.ok(page("Address confirmed", "Your Ticolops notifications now come to " + verified.address() + "."));
        } catch (NotificationException e) {
            return ResponseEntity.badRequest().body(page("Link not valid",
                    "This link is unknown, expired or used already. Run /ticolops notify via email again for a new one."));
        }
    }

    private static String page(String title, String text) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title) + "</title></head><body><h1>"
                + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(text) + "</p></body></html>";
    }
}

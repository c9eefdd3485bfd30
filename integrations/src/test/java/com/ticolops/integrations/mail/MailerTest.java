package com.ticolops.integrations.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.ticolops.integrations.net.OutboundScrape;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** GreenMail as the SMTP server, for Spring's mail sender as Boot configures it from {@code spring.mail.host} and {@code port}. */
class MailerTest {

    private static final Email EMAIL = new Email("bob@example.com", "Deployed", "shop is live", "<p>shop is live</p>", "msg-1");

    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final OutboundScrape scrape = new OutboundScrape();

    @BeforeEach
    void start() {
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void anEmailTheServerTookIsOneSuccessfulCall() {
        mailer(smtp.getSmtp().getPort()).send(EMAIL);

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(scrape.calls("smtp", "success")).isEqualTo(1);
    }

    @Test
    void anSmtpServerThatIsNotThereIsAnUnreachableCall() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> mailer(closed).send(EMAIL)).hasMessageStartingWith("The SMTP server did not take the email to bob@example.com");

        assertThat(scrape.calls("smtp", "unreachable")).isEqualTo(1);
    }

    private Mailer mailer(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        return new Mailer(new StaticListableBeanFactory(Map.of("mailSender", sender)).getBeanProvider(JavaMailSender.class),
                new MailProperties("Ticolops <ticolops@example.com>"), scrape.metrics());
    }
}

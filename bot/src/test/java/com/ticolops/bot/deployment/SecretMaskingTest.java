package com.ticolops.bot.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What looks like a secret in a log line is masked before a channel sees it; ordinary text and commit shas stay. */
class SecretMaskingTest {

    @Test
    void knownTokenFormatsAreMasked() {
        assertThat(SecretMasking.mask("using ghp_" + "a1B2".repeat(9) + " and glpat-" + "x9".repeat(10) + " and xoxb-1234-5678-abcdEFGH"))
                .isEqualTo("using •••• and •••• and ••••");
        assertThat(SecretMasking.mask("aws AKIAIOSFODNN7EXAMPLE ok")).isEqualTo("aws •••• ok");
    }

    @Test
    void valuesOfVariablesNamedLikeSecretsAreMaskedAndTheirNamesKept() {
        assertThat(SecretMasking.mask("DATABASE_PASSWORD=hunter2 API_KEY: abc123 \"client_secret\": \"s3cr3t\""))
                .isEqualTo("DATABASE_PASSWORD=•••• API_KEY: •••• \"client_secret\": \"••••\"");
    }

    @Test
    void credentialsInUrlsAndBearerTokensAreMasked() {
        assertThat(SecretMasking.mask("git clone https://deploy:p4ssw0rd@git.example.com/shop.git"))
                .isEqualTo("git clone https://••••@git.example.com/shop.git");
        assertThat(SecretMasking.mask("curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig'")).isEqualTo("curl -H 'Authorization: Bearer ••••'");
    }

    @Test
    void longRandomLookingStringsAreMaskedButCommitShasAndWordsStay() {
        assertThat(SecretMasking.mask("key Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdo= set")).isEqualTo("key •••• set");
        assertThat(SecretMasking.mask("HEAD is now at 3333333333333333333333333333333333333333 Fix rounding of totals"))
                .isEqualTo("HEAD is now at 3333333333333333333333333333333333333333 Fix rounding of totals");
        assertThat(SecretMasking.mask("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"))
                .isEqualTo("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory");
    }
}

package com.ticolops.integrations.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogTailTest {

    @Test
    void GIVEN_a_long_log_WHEN_its_tail_is_read_THEN_only_the_last_lines_come_back_in_order() throws IOException {
        String log = IntStream.range(0, 100_000).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());

        assertThat(LogTail.of(new StringReader(log), 3)).containsExactly("line 99997", "line 99998", "line 99999");
    }

    @Test
    void GIVEN_windows_line_ends_and_a_progress_bar_redrawn_with_carriage_returns_WHEN_read_THEN_each_line_is_what_a_terminal_shows()
            throws IOException {
        String log = "Downloading 10%\rDownloading 60%\rDownloading 100%\r\nDone\r\n";

        assertThat(LogTail.of(new StringReader(log), 30)).containsExactly("Downloading 100%", "Done");
    }

    @Test
    void GIVEN_blank_lines_of_the_log_itself_WHEN_read_THEN_they_stay_but_lines_of_mere_markup_go() throws IOException {
        String log = "first\n\nsecond\n\u001B[0;m\n";

        assertThat(LogTail.of(new StringReader(log), 30)).containsExactly("first", "", "second");
    }

    @Test
    void GIVEN_no_lines_wanted_WHEN_read_THEN_none_come_back() throws IOException {
        assertThat(LogTail.of(new StringReader("a\nb\n"), 0)).isEmpty();
    }
}

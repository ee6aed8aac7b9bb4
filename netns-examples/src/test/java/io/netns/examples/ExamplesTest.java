package io.netns.examples;

import io.netns.testing.PrivilegedTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every documented example runs, so none rots. */
@PrivilegedTest
class ExamplesTest {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

    private String printed() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void enter() throws Exception {
        String devices = EnterExample.run(out);
        assertThat(devices).contains("lo:").doesNotContain("eth0");
        String[] lines = printed().split("\n");
        assertThat(lines[0].substring(8)).isEqualTo(lines[2].substring(8)).isNotEqualTo(lines[1].substring(8));
    }

    @Test
    void runInside() throws Exception {
        assertThat(RunInsideExample.run(out)).containsExactly("lo");
    }

    @Test
    void exec() throws Exception {
        assertThat(ExecExample.run(out).split("\\s+")).containsExactly("lo");
        assertThat(printed()).contains("(exit 0)");
    }

    @Test
    void processNamespace() throws Exception {
        assertThat(ProcessNamespaceExample.run(out)).get().asString().startsWith("ex-pid-");
        assertThat(printed()).contains("same as ex-pid-").contains(": true");
    }

    @Test
    void serveAcrossNamespaces() throws Exception {
        assertThat(ServeAcrossNamespacesExample.run(out)).startsWith("hello /198.18.90.2:");
    }

    @Test
    void watchEvents() throws Exception {
        assertThat(WatchEventsExample.run(out)).contains("link NEW va DOWN", "link DEL va DOWN")
                .anyMatch(s -> s.startsWith("netns CREATE ex-watch-"))
                .anyMatch(s -> s.startsWith("netns DELETE ex-watch-"));
    }
}

package org.daxsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code daxsim run --json} against CLI.md: exactly one JSON array on stdout, one object per
 * executed line with the keys {@code line, host, command, exit, errno, stdout, stderr} in that
 * order; every field of every object of a script mixing successes and failures is checked.
 */
class JsonGoldenTest {
  static final String SCRIPT = String.join("\n",
      "# golden --json",                                              // 1
      "region add --size 1G --idle",                                  // 2
      "host add node1",                                               // 3
      "@node1 echo \"hi  there\"",                                    // 4
      "cat /sys/devices/platform/hmem.0/dax_region/size",             // 5
      "echo 2 > /sys/devices/platform/hmem.0/dax_region/create",      // 6
      "",                                                             // 7
      "nosuch --flag",                                                // 8
      "@nohost ls /",                                                 // 9
      "io read /nope",                                                // 10
      "  ls /tmp   # a comment",                                      // 11
      "printf 'a\\tb\\n' > /tmp/t",                                   // 12
      "cat /tmp/t",                                                   // 13
      "variant show",                                                 // 14
      "");

  /** The region as {@code daxctl list -R} prints it (daxctl.md A.2: available_size when > 0). */
  static final String REGION = "[\n  {\n    \"path\":\"\\/platform\\/hmem.0\",\n    \"id\":0,\n"
      + "    \"size\":1073741824,\n    \"available_size\":1073741824,\n"
      + "    \"align\":2097152\n  }\n]\n";

  static Map<String, Object> step(long line, String host, String command, long exit, String errno,
      String stdout, String stderr) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("line", line);
    m.put("host", host);
    m.put("command", command);
    m.put("exit", exit);
    m.put("errno", errno);
    m.put("stdout", stdout);
    m.put("stderr", stderr);
    return m;
  }

  static final List<Map<String, Object>> ALL = List.of(
      step(2, "node0", "region add --size 1G --idle", 0, null, REGION, ""),
      step(3, "node0", "host add node1", 0, null, "", ""),
      step(4, "node1", "echo \"hi  there\"", 0, null, "hi  there\n", ""),
      step(5, "node0", "cat /sys/devices/platform/hmem.0/dax_region/size", 0, null,
          "1073741824\n", ""),
      step(6, "node0", "echo 2 > /sys/devices/platform/hmem.0/dax_region/create", 1, "EINVAL", "",
          "sh: write error: Invalid argument\n"),
      step(8, "node0", "nosuch --flag", 127, null, "", "sh: nosuch: not found\n"),
      step(9, "nohost", "ls /", 1, "ENOENT", "", "daxsim: nohost: no such host\n"),
      step(10, "node0", "io read /nope", 1, "ENOENT", "", "io: open: No such file or directory\n"),
      step(11, "node0", "ls /tmp   # a comment", 0, null, "", ""),
      step(12, "node0", "printf 'a\\tb\\n' > /tmp/t", 0, null, "", ""),
      step(13, "node0", "cat /tmp/t", 0, null, "a\tb\n", ""),
      step(14, "node0", "variant show", 0, null, "dev-dax-direct-access per-range\n", ""));

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> parse(String out) {
    Object v = MiniJson.parse(out);
    assertThat(v).isInstanceOf(List.class);
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Object o : (List<Object>) v) {
      assertThat(o).isInstanceOf(Map.class);
      Map<String, Object> m = (Map<String, Object>) o;
      assertThat(new ArrayList<>(m.keySet())).containsExactly("line", "host", "command", "exit",
          "errno", "stdout", "stderr");
      steps.add(m);
    }
    return steps;
  }

  @Test
  void keepGoingReportsEveryExecutedLineWithEveryField() {
    MainTest.Run r = MainTest.daxsim(SCRIPT, "run", "--json", "--keep-going", "-");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith("[\n  {\"line\": 2, \"host\": \"node0\", \"command\": "
        + "\"region add --size 1G --idle\", \"exit\": 0, \"errno\": null, \"stdout\": \"[\\n  {")
        .endsWith("\"stdout\": \"dev-dax-direct-access per-range\\n\", \"stderr\": \"\"}\n]\n");
    assertThat(r.out().lines().filter(l -> l.startsWith("  {\"line\": "))).hasSize(ALL.size());
    List<Map<String, Object>> steps = parse(r.out());
    assertThat(steps).hasSize(ALL.size());
    for (int i = 0; i < ALL.size(); i++) {
      assertThat(steps.get(i)).as("object %d", i).isEqualTo(ALL.get(i));
    }
  }

  @Test
  void withoutKeepGoingTheArrayEndsAtTheFirstFailure() {
    MainTest.Run r = MainTest.daxsim(SCRIPT, "run", "--json", "-");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(parse(r.out())).isEqualTo(ALL.subList(0, 5));
  }

  @Test
  void withoutJsonTheOutputIsTheToolsOwn() {
    MainTest.Run r = MainTest.daxsim(SCRIPT, "run", "--keep-going", "-");
    assertThat(r).isEqualTo(new MainTest.Run(1, REGION + "hi  there\n1073741824\na\tb\n"
        + "dev-dax-direct-access per-range\n", "sh: write error: Invalid argument\n"
        + "sh: nosuch: not found\ndaxsim: nohost: no such host\n"
        + "io: open: No such file or directory\n"));
  }

  @Test
  void anUnparsableLineEndsTheArrayAndExits2() {
    String script = String.join("\n", Arrays.asList("host add node1", "echo 'open", "echo never"));
    MainTest.Run r = MainTest.daxsim(script, "run", "--json", "--keep-going", "-");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("daxsim: -:2: unterminated quoted string\n");
    assertThat(parse(r.out())).containsExactly(step(1, "node0", "host add node1", 0, null, "", ""));
  }

  @Test
  void successOnlyExits0() {
    MainTest.Run r = MainTest.daxsim("echo a\n@node0 echo b\n", "run", "--json", "-");
    assertThat(r.exit()).isZero();
    assertThat(parse(r.out())).containsExactly(step(1, "node0", "echo a", 0, null, "a\n", ""),
        step(2, "node0", "echo b", 0, null, "b\n", ""));
  }
}

package org.daxsim.bus.daxctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** util/json.c display_size, json-c printing, __parse_size64 and kernfs readdir order. */
class FormatTest {
  @Test
  void humanSizesFollowDisplaySize() {
    assertThat(HumanSize.format(0)).isEqualTo("0");
    assertThat(HumanSize.format(4096)).isEqualTo("4096");
    assertThat(HumanSize.format(5000 * 1024L - 1)).isEqualTo("5119999");
    assertThat(HumanSize.format(5000 * 1024L)).isEqualTo("\"4.88 MiB (5.12 MB)\"");
    assertThat(HumanSize.format(2L << 20)).isEqualTo("2097152");
    assertThat(HumanSize.format(256L << 20)).isEqualTo("\"256.00 MiB (268.44 MB)\"");
    assertThat(HumanSize.format(1L << 30)).isEqualTo("\"1024.00 MiB (1073.74 MB)\"");
    assertThat(HumanSize.format(2L << 30)).isEqualTo("\"2.00 GiB (2.15 GB)\"");
    assertThat(HumanSize.format(2415919104L)).isEqualTo("\"2.25 GiB (2.42 GB)\"");
    assertThat(HumanSize.format(4L << 30)).isEqualTo("\"4.00 GiB (4.29 GB)\"");
    assertThat(HumanSize.format(3L << 40)).isEqualTo("\"3.00 TiB (3.30 TB)\"");
  }

  @Test
  void hexIsPrintfHashLlx() {
    assertThat(Num.hashHex(0)).isEqualTo("0");
    assertThat(Num.hashHex(0x20000)).isEqualTo("0x20000");
    assertThat(Num.hashHex(-1L)).isEqualTo("0xffffffffffffffff");
  }

  @Test
  void parseSize64AcceptsSuffixesAndRejectsJunk() {
    assertThat(Num.parseSize64("512M")).isEqualTo(512L << 20);
    assertThat(Num.parseSize64("4k")).isEqualTo(4096);
    assertThat(Num.parseSize64("1G")).isEqualTo(1L << 30);
    assertThat(Num.parseSize64("2t")).isEqualTo(2L << 40);
    assertThat(Num.parseSize64("0x200000")).isEqualTo(2L << 20);
    assertThat(Num.parseSize64("010")).isEqualTo(8);
    assertThat(Num.parseSize64("foo")).isEqualTo(-1L);
    assertThat(Num.parseSize64("5X")).isEqualTo(-1L);
    assertThat(Num.parseSize64("1MB")).isEqualTo(-1L);
    assertThat(Num.parseSize64("-1")).isEqualTo(-1L);
    assertThat(Num.parseSize64("99999999999999999999")).isEqualTo(-1L);
    assertThat(Num.parseSize64("16777216T")).isEqualTo(-1L);
    // strtoull consumes nothing, the suffix alone multiplies 0
    assertThat(Num.parseSize64("k")).isEqualTo(0);
  }

  @Test
  void jsonPrettyPrintsLikeJsonC() {
    Json.Obj o = new Json.Obj().put("path", new Json.Str("/platform/hmem.0"))
        .put("n", JsonFormat.i32(-1)).put("b", new Json.Bool(true))
        .put("a", new Json.Arr().add(new Json.Obj().put("x", JsonFormat.u64(-1L))));
    assertThat(new Json.Arr().add(o).pretty()).isEqualTo("""
        [
          {
            "path":"\\/platform\\/hmem.0",
            "n":-1,
            "b":true,
            "a":[
              {
                "x":18446744073709551615
              }
            ]
          }
        ]""");
    assertThat(new Json.Str("a\"b\\c\n\u0001").pretty()).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
  }

  @Test
  void jsonParserReadsWhatDaxctlWrites() {
    Json j = JsonParser.parse("{ \"a\":[1, -2, 18446744073709551615, 1.5, \"s\\/\", null,"
        + " true] /* c */ }");
    assertThat(j).isInstanceOf(Json.Obj.class);
    Json.Arr a = (Json.Arr) ((Json.Obj) j).get("a");
    assertThat(a.items).hasSize(7);
    assertThat(a.items.get(2).asString()).isEqualTo("18446744073709551615");
    assertThat(a.items.get(3).asInt64()).isEqualTo(1);
    assertThat(a.items.get(4).asString()).isEqualTo("s/");
    assertThat(new Json.Str("0x100").asInt64()).isZero();
    assertThat(new Json.Str("42abc").asInt64()).isEqualTo(42);
    assertThat(JsonParser.parse("{\"a\":")).isNull();
    assertThat(JsonParser.parse("nope")).isNull();
  }

  @Test
  void readdirOrderIsKernfsHashOrder() {
    // observed on linux 6.1: daxctl list printed dax0.4, 0.6, 0.1, 0.3, 0.5, 0.0, 0.2, i.e.
    // libdaxctl's head-inserted list of the readdir order
    List<String> names = List.of("dax0.0", "dax0.1", "dax0.2", "dax0.3", "dax0.4", "dax0.5",
        "dax0.6");
    assertThat(KernfsOrder.readdir(names))
        .containsExactly("dax0.2", "dax0.0", "dax0.5", "dax0.3", "dax0.1", "dax0.6", "dax0.4");
  }
}

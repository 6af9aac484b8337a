package io.airq.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airq.core.registry.Sensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteListTest {
  @TempDir Path dir;

  private Path file(String text) throws Exception {
    Path f = dir.resolve("sites.csv");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void aSiteIsFoundByTheCodeItsFileNameStartsWithIgnoringCase() throws Exception {
    SiteList sites = SiteList.read(file("# comment\n\nlon,lat,sensor,site\n-8.47,51.9,s-a,AB\n"));

    SiteList.Site a = sites.siteOf(dir.resolve("ab_combined.csv"));
    Sensor s = a.sensor(Duration.ofHours(1));

    assertThat(s.id()).isEqualTo("s-a");
    assertThat(s.gatewayId()).isEqualTo("s-a");
    assertThat(a.topicGateway()).isEqualTo("s-a");
    assertThat(s.lat()).isEqualTo(51.9);
    assertThat(s.lon()).isEqualTo(-8.47);
    assertThat(s.county()).isEmpty();
    assertThat(s.reportingInterval()).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> sites.siteOf(dir.resolve("CD_combined.csv")))
        .hasMessageContaining("site CD is not in the site list");
  }

  @Test
  void everyBadRowIsReportedWithItsLine() throws Exception {
    Path f =
        file(
            "site,sensor,lat,lon,street\n"
                + "AB,a,51.9,x,Main Street\n"
                + "CD,c,95,1,\n"
                + "EF,e,1,2\n"
                + "GH,,1,2,\n"
                + "IJ,i,1,2,\n"
                + "ij,j,1,2,\n");
    assertThatThrownBy(() -> SiteList.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sites.csv:2: lon is not a number: x")
        .hasMessageContaining("sites.csv:3: position out of range")
        .hasMessageContaining("sites.csv:4: 4 cells, the header has 5 columns")
        .hasMessageContaining("sites.csv:5: empty sensor")
        .hasMessageContaining("sites.csv:7: site ij is listed twice");
  }

  @Test
  void aHeaderWithoutTheRequiredColumnsOrWithUnknownOnesIsRefused() throws Exception {
    assertThatThrownBy(() -> SiteList.read(file("site,sensor,lat,longitude\n")))
        .hasMessageContaining("missing [lon]")
        .hasMessageContaining("unknown [longitude]");
  }

  @Test
  void withoutASiteListAnHourlyFileAsksForOne() {
    assertThatThrownBy(() -> SiteList.none().siteOf(Path.of("SPS_combined.csv")))
        .hasMessageContaining("SPS_combined.csv is an hourly site file")
        .hasMessageContaining("--sites FILE");
  }
}

package io.airq.planner.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SensorCsvTest {
  @Test
  void rowsBecomeSensorBodiesWithEmptyCellsLeftOut() {
    Parsed p =
        SensorCsv.parse(
            """
            id,lat,lon,area,street,indoor,model,installed,licence
            nbo-01,-1.2841,36.8233,CBD,"Moi Avenue, north",false,PMS5003,2021-06-01,ODbL-1.0
            # a comment
            nbo-02,-1.25,36.80,Westlands,,true,SDS011,,
            """);
    assertThat(p.errors()).isEmpty();
    assertThat(p.sensors()).hasSize(2);
    assertThat(p.sensors().get(0).get("street").asText()).isEqualTo("Moi Avenue, north");
    assertThat(p.sensors().get(0).get("lat").asDouble()).isEqualTo(-1.2841);
    assertThat(p.sensors().get(0).get("installed").asText()).isEqualTo("2021-06-01");
    assertThat(p.sensors().get(1).has("street")).isFalse();
    assertThat(p.sensors().get(1).has("installed")).isFalse();
    assertThat(p.sensors().get(1).get("indoor").asBoolean()).isTrue();
  }

  @Test
  void everyBadRowIsReportedWithItsLine() {
    Parsed p =
        SensorCsv.parse(
            """
            id,lat,lon,indoor
            a,x,2,false
            b,1,2
            c,1,2,maybe
            """);
    assertThat(p.errors())
        .containsExactly(
            "line 2: lat is not a number: x",
            "line 3: 3 fields, the header has 4",
            "line 4: indoor must be true or false: maybe");
  }

  @Test
  void anUnknownOrMissingColumnStopsTheImportAtTheHeader() {
    assertThat(SensorCsv.parse("id,latitude,lon\na,1,2\n").errors())
        .containsExactly(
            "line 1: unknown column latitude (known: " + String.join(", ", SensorCsv.COLUMNS) + ")",
            "line 1: the column lat is required");
  }
}

package io.airq.planner.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The importer against a real sensors.AFRICA node listing (/v1/node/, June 2021). */
class NodeListingTest {
  private static Path listing() {
    String root = System.getProperty("airq.shared.data", System.getenv("AIRQ_SHARED_DATA"));
    assertThat(root).as("system property airq.shared.data (set by the build)").isNotNull();
    return Path.of(root, "payloads", "sensors_africa_api_v1_node_2021-06.json");
  }

  @Test
  void everyNodeOfTheListingBecomesOneSensorKeyedByItsUid() throws Exception {
    String json = Files.readString(listing());
    JsonNode nodes = io.airq.core.json.Json.mapper().readTree(json).get("results");
    Parsed p = NodeListing.parse(json);
    assertThat(p.errors()).isEmpty();
    assertThat(p.sensors()).hasSize(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      ObjectNode s = p.sensors().get(i);
      assertThat(s.get("id").asText()).isEqualTo(n.get("uid").asText());
      assertThat(s.get("lat").asDouble())
          .isEqualTo(Double.parseDouble(n.at("/location/latitude").asText()));
      assertThat(s.get("lon").asDouble())
          .isEqualTo(Double.parseDouble(n.at("/location/longitude").asText()));
      assertThat(s.get("indoor").asBoolean()).isEqualTo(n.at("/location/indoor").asBoolean());
      assertThat(s.get("area").asText()).isEqualTo(n.at("/location/city").asText());
      List<String> types = n.get("sensors").findValuesAsText("name");
      assertThat(types).contains(s.get("model").asText());
      assertThat(s.get("kind").asText()).isEqualTo("air");
    }
  }

  @Test
  void aNodeWithoutAParticulateSensorIsAWeatherStationAndBadNodesAreAllReported() {
    Parsed p =
        NodeListing.parse(
            """
            [{"uid":"esp8266-1","location":{"latitude":"-1.3","longitude":"36.9","city":"Nairobi"},
              "sensors":[{"sensor_type":{"name":"BME280"}},{"sensor_type":{"name":"DHT22"}}]},
             {"uid":"esp8266-2","location":{"latitude":"","longitude":"36.9"},"sensors":[]},
             {"location":{}},
             {"uid":"esp8266-4","location":{"latitude":"1","longitude":"2"},
              "sensors":[{"sensor_type":{"name":"DHT22"}},{"sensor_type":{"name":"SDS011"}}]}]""");
    assertThat(p.errors())
        .containsExactly(
            "node 2 (esp8266-2): location.latitude is not a number: ''", "node 3: no uid");
    assertThat(p.sensors()).hasSize(2);
    assertThat(p.sensors().get(0).get("kind").asText()).isEqualTo("weather");
    assertThat(p.sensors().get(0).get("model").asText()).isEqualTo("BME280");
    assertThat(p.sensors().get(1).get("model").asText()).isEqualTo("SDS011");
  }

  @Test
  void somethingElseIsNotANodeListing() {
    assertThat(NodeListing.parse("{\"count\":0}").errors())
        .containsExactly("not a node listing: expected an array of nodes or {\"results\": [...]}");
    assertThat(NodeListing.parse("id,lat,lon").errors().get(0)).startsWith("not JSON");
  }
}

package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PathsAndAppsTest {

  private static SandboxFixture sandbox;

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxFixture.start(SandboxFixture.defaults());
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Test
  void appsListHasApplesAttributes() {
    JsonNode apps = sandbox.getJson("/v1/apps");

    assertThat(apps.path("data").size()).isEqualTo(3);
    JsonNode first = apps.path("data").get(0);
    assertThat(first.path("type").asText()).isEqualTo("apps");
    assertThat(first.path("id").asText()).isEqualTo("1000000001");
    assertThat(first.path("attributes").path("name").asText()).isEqualTo("Puzzle Harbor");
    assertThat(first.path("attributes").path("bundleId").asText())
        .isEqualTo("com.example.puzzleharbor");
    assertThat(first.path("attributes").path("sku").asText()).isEqualTo("SKU1000000001");
    assertThat(apps.path("links").path("self").asText())
        .isEqualTo(sandbox.server.baseUrl() + "/v1/apps");
    assertThat(apps.path("meta").path("paging").path("total").asInt()).isEqualTo(3);
  }

  @Test
  void appsFilterAndSparseFieldsets() {
    JsonNode filtered =
        sandbox.getJson("/v1/apps?filter%5Bsku%5D=SKU1000000002&fields%5Bapps%5D=sku");

    assertThat(filtered.path("data").size()).isEqualTo(1);
    JsonNode attributes = filtered.path("data").get(0).path("attributes");
    assertThat(attributes.path("sku").asText()).isEqualTo("SKU1000000002");
    assertThat(attributes.has("name")).isFalse();
    assertThat(filtered.path("data").get(0).has("relationships")).isFalse();
  }

  @Test
  void oneAppAndUnknownApp() {
    JsonNode app = sandbox.getJson("/v1/apps/1000000003");
    HttpResponse<byte[]> unknown = sandbox.get("/v1/apps/1000000004");

    assertThat(app.path("data").path("attributes").path("sku").asText()).isEqualTo("SKU1000000003");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(SandboxFixture.text(unknown))
        .isEqualTo(
            "{\"errors\":[{\"status\":\"404\",\"code\":\"NOT_FOUND\","
                + "\"title\":\"The specified resource does not exist\","
                + "\"detail\":\"There is no resource of type 'apps' with id '1000000004'\"}]}");
  }

  @Test
  void unknownApiPathIsPathError() {
    HttpResponse<byte[]> response = sandbox.get("/v1/customers");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(SandboxFixture.text(response))
        .isEqualTo(
            "{\"errors\":[{\"status\":\"404\",\"code\":\"PATH_ERROR\","
                + "\"title\":\"The URL path is not valid\","
                + "\"detail\":\"'/v1/customers' is not a valid URL\"}]}");
    assertThat(response.headers().firstValue("X-Rate-Limit")).isPresent();
  }

  @Test
  void pathOutsideTheApiIsPathError() {
    HttpResponse<byte[]> response = sandbox.download(sandbox.server.baseUrl() + "/v2/apps");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(SandboxFixture.json(response).path("errors").get(0).path("code").asText())
        .isEqualTo("PATH_ERROR");
  }

  @Test
  void wrongMethodIs405() {
    HttpResponse<byte[]> response = sandbox.method("PATCH", "/v1/apps/1000000001");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    JsonNode error = SandboxFixture.json(response).path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(error.path("detail").asText())
        .isEqualTo(
            "The method 'PATCH' is not allowed on '/v1/apps/1000000001'. Allowed methods:"
                + " GET");
  }

  @Test
  void unknownParameterIsIllegal() {
    HttpResponse<byte[]> response = sandbox.get("/v1/apps?sort=name");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = SandboxFixture.json(response).path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("PARAMETER_ERROR.ILLEGAL");
    assertThat(error.path("detail").asText())
        .isEqualTo("The parameter 'sort' can not be used with this request");
  }

  @Test
  void literalAndEncodedBracketsAreTheSameParameter() throws IOException {
    URI base = URI.create(sandbox.server.baseUrl());
    String encoded = rawGet(base, "/v1/apps?filter%5Bsku%5D=SKU1000000002");
    String literal = rawGet(base, "/v1/apps?filter[sku]=SKU1000000002");

    assertThat(literal).startsWith("HTTP/1.1 200");
    assertThat(bodyOf(literal))
        .isEqualTo(bodyOf(encoded).replace("filter%5Bsku%5D", "filter[sku]"));
    assertThat(bodyOf(literal))
        .contains("\"sku\":\"SKU1000000002\"")
        .doesNotContain("SKU1000000001");
  }

  /** Sends a request line exactly as given, which java.net.http would normalize. */
  private static String rawGet(URI base, String target) throws IOException {
    try (Socket socket = new Socket(InetAddress.getByName(base.getHost()), base.getPort())) {
      OutputStream output = socket.getOutputStream();
      String request =
          "GET "
              + target
              + " HTTP/1.1\r\nHost: "
              + base.getAuthority()
              + "\r\nAuthorization:"
              + " Bearer "
              + sandbox.token()
              + "\r\nConnection: close\r\n\r\n";
      output.write(request.getBytes(StandardCharsets.US_ASCII));
      output.flush();
      InputStream input = socket.getInputStream();
      return new String(input.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String bodyOf(String rawResponse) {
    return rawResponse.substring(rawResponse.indexOf("\r\n\r\n") + 4);
  }
}

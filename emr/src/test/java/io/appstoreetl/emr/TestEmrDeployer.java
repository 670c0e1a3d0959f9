package io.appstoreetl.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.appstoreetl.testsupport.S3ProxyExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** {@link EmrDeployer} against S3Proxy, and against a stub for a size that does not match. */
@ExtendWith(S3ProxyExtension.class)
class TestEmrDeployer {

  static final String BUCKET = S3ProxyExtension.BUCKET;

  @TempDir Path dir;

  @Test
  void deployUploadsJarUnderPrefix() throws IOException {
    byte[] content = randomBytes(3 * 1024 * 1024 + 17);
    Path jar = Files.write(dir.resolve("spark-curation-0.1.0-SNAPSHOT-job.jar"), content);

    EmrDeployer.DeployedJar deployed;
    try (S3Client s3 = TestClients.s3(S3ProxyExtension.endpoint())) {
      deployed = new EmrDeployer(s3, new S3Lake(BUCKET, "prod/appstore")).deploy(jar);

      String key = "prod/appstore/jars/spark-curation-0.1.0-SNAPSHOT-job.jar";
      assertThat(deployed.uri()).isEqualTo("s3://" + BUCKET + "/" + key);
      assertThat(deployed.sizeBytes()).isEqualTo(content.length);
      assertThat(s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asByteArray())
          .as("stored bytes")
          .isEqualTo(content);
      HeadObjectResponse head = s3.headObject(request -> request.bucket(BUCKET).key(key));
      assertThat(head.contentType()).isEqualTo("application/java-archive");
    }
  }

  @Test
  void deployReplacesEarlierUpload() throws IOException {
    Path jar = dir.resolve("job.jar");
    try (S3Client s3 = TestClients.s3(S3ProxyExtension.endpoint())) {
      EmrDeployer deployer = new EmrDeployer(s3, new S3Lake(BUCKET, ""));
      Files.write(jar, randomBytes(1000));
      deployer.deploy(jar);
      byte[] second = randomBytes(2000);
      Files.write(jar, second);

      EmrDeployer.DeployedJar deployed = deployer.deploy(jar);

      assertThat(deployed.uri()).isEqualTo("s3://" + BUCKET + "/jars/job.jar");
      assertThat(
              s3.getObjectAsBytes(request -> request.bucket(BUCKET).key("jars/job.jar"))
                  .asByteArray())
          .isEqualTo(second);
    }
  }

  @Test
  void deployRejectsSizeMismatch() throws IOException {
    Path jar = Files.write(dir.resolve("job.jar"), randomBytes(4096));
    List<String> requests = new ArrayList<>();
    HttpServer stub =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().set("ETag", "\"0123456789abcdef0123456789abcdef\"");
            if (exchange.getRequestMethod().equals("HEAD")) {
              // A truncated object, as a broken proxy might store it.
              exchange.getResponseHeaders().set("Content-Length", "4000");
            }
            exchange.sendResponseHeaders(200, -1);
          }
        });
    stub.start();

    try (S3Client s3 =
        TestClients.s3(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()))) {
      EmrDeployer deployer = new EmrDeployer(s3, new S3Lake(BUCKET, "p"));

      assertThatThrownBy(() -> deployer.deploy(jar))
          .isInstanceOf(EmrException.class)
          .hasMessage(
              "Cannot deploy "
                  + jar
                  + ": s3://appstore-lake/p/jars/job.jar has 4000 bytes after the upload, expected"
                  + " 4096")
          .extracting(e -> ((EmrException) e).exitCode())
          .isEqualTo(EmrExitCodes.FAILED);
      assertThat(requests)
          .containsExactly(
              "PUT /appstore-lake/p/jars/job.jar", "HEAD /appstore-lake/p/jars/job.jar");
    } finally {
      stub.stop(0);
    }
  }

  @Test
  void deployRejectsMissingJar() {
    try (S3Client s3 = TestClients.s3(S3ProxyExtension.endpoint())) {
      EmrDeployer deployer = new EmrDeployer(s3, new S3Lake(BUCKET, ""));
      Path missing = dir.resolve("missing-job.jar");

      assertThatThrownBy(() -> deployer.deploy(missing))
          .isInstanceOf(EmrException.class)
          .hasMessage(
              "Cannot deploy " + missing + ": no such file (build it with mvn -DskipTests install)")
          .extracting(e -> ((EmrException) e).exitCode())
          .isEqualTo(EmrExitCodes.UNEXPECTED_STATE);
    }
  }

  @Test
  void deployRejectsUnsafeFileName() throws IOException {
    Path jar = Files.write(dir.resolve("job jar?.jar"), randomBytes(10));
    try (S3Client s3 = TestClients.s3(S3ProxyExtension.endpoint())) {
      EmrDeployer deployer = new EmrDeployer(s3, new S3Lake(BUCKET, ""));

      assertThatThrownBy(() -> deployer.deploy(jar))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Invalid jar file name: job jar?.jar (expected letters, digits, ._- and .jar)");
    }
  }

  static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }
}

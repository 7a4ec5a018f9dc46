package io.liandong.dispatch;

import static io.liandong.testing.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liandong.testing.Api;
import io.liandong.testing.Api.Answer;
import io.liandong.testing.Api.Download;
import io.liandong.testing.Api.FormPart;
import io.liandong.testing.MutableClock;
import io.liandong.testing.TestClockConfiguration;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Photos on a task's report-back (issue #3), through the HTTP API: upload, list and download, the
 * type read from the bytes, the size limits, who may attach and who may look, and the record. Run
 * on H2 and on PostgreSQL by the subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liandong.scheduling.enabled=false",
            "liandong.security.admin-password=" + TaskPhotoScenarios.ADMIN_PASSWORD,
            "liandong.security.demo-password=" + TaskPhotoScenarios.DEMO_PASSWORD,
            "liandong.security.demo-accounts=true",
            "liandong.home=target/test-home",
        })
@Import(TestClockConfiguration.class)
abstract class TaskPhotoScenarios {

    static final String ADMIN_PASSWORD = "admin-Photo-123";
    static final String DEMO_PASSWORD = "demo-Photo-123";
    private static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final AtomicInteger PLACE = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    Api admin;
    Api callTaker;
    Api commander;
    Api leader;
    Api analyst;
    Api police;
    Api gas;

    @BeforeEach
    void users() {
        admin = Api.as(port, "admin", ADMIN_PASSWORD);
        callTaker = as("calltaker");
        commander = as("commander");
        leader = as("leader");
        analyst = as("analyst");
        police = as("police");
        gas = as("gas");
    }

    private Api as(String user) {
        return Api.as(port, user, DEMO_PASSWORD);
    }

    // ---- fixtures ----------------------------------------------------------------------------

    /** A gas case (four agencies tasked by the plan) far from every other; answers the incident id. */
    long gasCase() {
        int n = PLACE.incrementAndGet();
        Answer intake = callTaker.post(
                "/api/reports",
                map(
                        "channel",
                        "110",
                        "receivedAt",
                        clock.instant().toString(),
                        "address",
                        "双塔区新华路 " + n + " 号",
                        "lat",
                        41.30 + (n % 40) * 0.02,
                        "lon",
                        120.10 + (n / 40) * 0.03,
                        "districtCode",
                        "211302", // 双塔区: the plan's police task goes to that district's sub-bureau
                        "text",
                        "楼上住户打开燃气阀门要轻生，煤气味很浓",
                        "category",
                        "SOC-SUICIDE-GAS"));
        assertThat(intake.status()).as(intake.text()).isEqualTo(201);
        return intake.id("incidentId");
    }

    JsonNode taskOf(long incidentId, String agency) {
        for (JsonNode task :
                commander.get("/api/incidents/" + incidentId).json().get("tasks")) {
            if (task.get("agency").asString().equals(agency)) {
                return task;
            }
        }
        throw new AssertionError("no task for " + agency + " on incident " + incidentId);
    }

    /** The police task of a fresh gas case, acknowledged and on the scene: ready to report back. */
    long policeTaskOnScene() {
        long incident = gasCase();
        JsonNode task = taskOf(incident, "POLICE-SHUANGTA");
        long id = task.get("id").asLong();
        clock.advance(Duration.ofMinutes(1));
        Answer ack = police.post(
                "/api/tasks/" + id + "/acknowledge",
                map("version", task.get("version").asInt()));
        assertThat(ack.status()).as(ack.text()).isEqualTo(200);
        Answer arrive = police.post("/api/tasks/" + id + "/arrive", map("version", ack.version()));
        assertThat(arrive.status()).as(arrive.text()).isEqualTo(200);
        return id;
    }

    /** A real PNG drawn for the test, different for every seed. */
    static byte[] png(int seed) {
        BufferedImage image = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x2060A0 + seed * 7919));
        g.fillRect(0, 0, 24, 16);
        g.setColor(Color.WHITE);
        g.drawLine(0, seed % 16, 23, 15 - seed % 16);
        g.dispose();
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PNG magic and then zeros: sniffed as a PNG, of exactly {@code size} bytes. */
    static byte[] pngOfSize(int size) {
        byte[] bytes = Arrays.copyOf(PNG_MAGIC, size);
        bytes[size - 1] = 1;
        return bytes;
    }

    Answer upload(Api who, long taskId, String name, byte[] bytes) {
        return who.upload("/api/tasks/" + taskId + "/attachments", "file", name, "image/png", bytes, Map.of());
    }

    long storedPhotos() {
        return jdbc.sql("SELECT COUNT(*) FROM task_attachment")
                .query(Long.class)
                .single();
    }

    long recordEntries() {
        return jdbc.sql("SELECT COUNT(*) FROM incident_event").query(Long.class).single();
    }

    List<JsonNode> entries(long incidentId, String type) {
        Answer record = commander.get("/api/incidents/" + incidentId + "/record");
        assertThat(record.status()).as(record.text()).isEqualTo(200);
        List<JsonNode> found = new java.util.ArrayList<>();
        record.json().forEach(e -> {
            if (e.get("type").asString().equals(type)) {
                found.add(e);
            }
        });
        return found;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // ---- the round trip ----------------------------------------------------------------------

    @Test
    @DisplayName("the police attach a photo while reporting back; it lists, downloads byte for byte, is on the record")
    void uploadListAndDownloadRoundTrip() throws Exception {
        long task = policeTaskOnScene();
        byte[] photo = png(1);
        clock.advance(Duration.ofNanos(123_456_789)); // the upload's time has nanoseconds

        Answer uploaded = upload(police, task, "现场-阀门.png", photo);

        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        long id = uploaded.id("id");
        assertThat(uploaded.headers().get("location")).isEqualTo("/api/tasks/" + task + "/attachments/" + id);
        assertThat(uploaded.str("fileName")).isEqualTo("现场-阀门.png");
        assertThat(uploaded.str("contentType")).isEqualTo("image/png");
        assertThat(uploaded.json().get("size").asLong()).isEqualTo(photo.length);
        assertThat(uploaded.str("sha256")).isEqualTo(sha256(photo));
        assertThat(uploaded.str("uploadedBy")).isEqualTo("police");

        Answer list = police.get("/api/tasks/" + task + "/attachments");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).get("id").asLong()).isEqualTo(id);
        assertThat(list.json().get(0).get("uploadedAt").asString())
                .as("the upload's answer and later reads give the same time")
                .isEqualTo(uploaded.str("uploadedAt"));
        assertThat(list.text()).doesNotContain("bytes\"");

        Download download = police.download("/api/tasks/" + task + "/attachments/" + id);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(photo);
        assertThat(download.header("Content-Type")).isEqualTo("image/png");
        assertThat(download.header("Content-Disposition")).startsWith("inline;").contains("filename");
        assertThat(download.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");

        JsonNode view = police.get("/api/tasks/" + task).json();
        assertThat(view.get("attachmentCount").asInt()).isEqualTo(1);
        long incident = view.get("incidentId").asLong();
        assertThat(taskOf(incident, "POLICE-SHUANGTA").get("attachmentCount").asInt())
                .isEqualTo(1);
        List<JsonNode> added = entries(incident, "ATTACHMENT_ADDED");
        assertThat(added).hasSize(1);
        assertThat(added.get(0).get("taskId").asLong()).isEqualTo(task);
        assertThat(added.get(0).get("agency").asString()).isEqualTo("POLICE-SHUANGTA");
        assertThat(added.get(0).get("actor").asString()).isEqualTo("police");
        assertThat(added.get(0).get("detail").asString())
                .contains("现场-阀门.png", "image/png", String.valueOf(photo.length));
        assertThat(police.get("/api/incidents/" + incident + "/record").text())
                .as("the agency sees its own entry")
                .contains("ATTACHMENT_ADDED");
    }

    @Test
    void theSamePhotoSentTwiceIsStoredOnceAndRecordedOnce() {
        long task = policeTaskOnScene();
        byte[] photo = png(2);
        Answer first = upload(police, task, "a.png", photo);
        long photos = storedPhotos();
        long events = recordEntries();

        Answer again = upload(police, task, "a-again.png", photo);

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.id("id")).isEqualTo(first.id("id"));
        assertThat(storedPhotos()).isEqualTo(photos);
        assertThat(recordEntries()).isEqualTo(events);
    }

    @Test
    void jpegAndWebpAreAcceptedByTheirBytesWhateverTheirNames() {
        long task = policeTaskOnScene();
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
        byte[] webp = {'R', 'I', 'F', 'F', 26, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 1};

        Answer a = police.upload(
                "/api/tasks/" + task + "/attachments", "file", "photo.bin", "application/octet-stream", jpeg, Map.of());
        Answer b = police.upload("/api/tasks/" + task + "/attachments", "file", "x.png", "image/png", webp, Map.of());

        assertThat(a.status()).as(a.text()).isEqualTo(201);
        assertThat(a.str("contentType")).isEqualTo("image/jpeg");
        assertThat(b.status()).as(b.text()).isEqualTo(201);
        assertThat(b.str("contentType")).isEqualTo("image/webp");
        assertThat(police.download("/api/tasks/" + task + "/attachments/" + b.id("id"))
                        .header("Content-Type"))
                .isEqualTo("image/webp");
    }

    // ---- bad input: problem details, nothing stored -----------------------------------------

    @Test
    @DisplayName("a text file named x.jpg, an empty file, a missing part, a JSON body: problems, nothing stored")
    void badUploadsAreRefusedWithProblemDetailsAndStoreNothing() {
        long task = policeTaskOnScene();
        String path = "/api/tasks/" + task + "/attachments";
        long photos = storedPhotos();
        long events = recordEntries();

        Answer text = police.upload(
                path, "file", "x.jpg", "image/jpeg", "not a photo at all".getBytes(StandardCharsets.UTF_8), Map.of());
        Answer html = police.upload(
                path,
                "file",
                "x.png",
                "image/png",
                "<html><script>x</script>".getBytes(StandardCharsets.UTF_8),
                Map.of());
        Answer empty = police.upload(path, "file", "empty.png", "image/png", new byte[0], Map.of());
        Answer wrongPart = police.upload(path, "photo", "a.png", "image/png", png(3), Map.of());
        Answer json = police.post(path, map("file", "a.png"));
        Answer badVersion = police.upload(path, "file", "a.png", "image/png", png(3), Map.of("version", "abc"));
        Answer unknownTask =
                police.upload("/api/tasks/999999999/attachments", "file", "a.png", "image/png", png(3), Map.of());

        assertThat(text.status()).as(text.text()).isEqualTo(415);
        assertThat(html.status()).as(html.text()).isEqualTo(415);
        assertThat(text.json().get("errors").toString()).contains("file", "x.jpg");
        for (Answer bad : List.of(empty, wrongPart, json, badVersion)) {
            assertThat(bad.status()).as(bad.text()).isEqualTo(400);
        }
        assertThat(empty.json().get("errors").toString()).contains("file");
        assertThat(wrongPart.json().get("errors").toString()).contains("file");
        assertThat(unknownTask.status()).isEqualTo(404);
        for (Answer bad : List.of(text, html, empty, wrongPart, json, badVersion, unknownTask)) {
            assertThat(bad.headers().get("content-type")).startsWith("application/problem+json");
            assertThat(bad.json().get("type").asString()).startsWith("urn:liandong:problem:");
            assertThat(bad.text()).doesNotContain("io.liandong", "java.", "org.springframework", "org.apache");
        }
        assertThat(storedPhotos()).isEqualTo(photos);
        assertThat(recordEntries()).isEqualTo(events);
    }

    @Test
    @DisplayName("two photos in one upload, a part of another name, version twice: 400 naming it, nothing stored")
    void extraPartsAreRefusedWholeAndStoreNothing() {
        long task = policeTaskOnScene();
        String path = "/api/tasks/" + task + "/attachments";
        long photos = storedPhotos();
        long events = recordEntries();

        Answer twoPhotos = police.uploadParts(
                path, FormPart.file("file", "q3.png", png(61)), FormPart.file("file", "q4.png", png(62)));
        Answer extraFile = police.uploadParts(
                path, FormPart.file("file", "q3.png", png(61)), FormPart.file("thumbnail", "q4.png", png(62)));
        Answer extraField =
                police.uploadParts(path, FormPart.file("file", "q3.png", png(61)), FormPart.field("caption", "阀门"));
        Answer twoVersions = police.uploadParts(
                path,
                FormPart.field("version", "2"),
                FormPart.field("version", "3"),
                FormPart.file("file", "q3.png", png(61)));

        assertThat(twoPhotos.status()).as(twoPhotos.text()).isEqualTo(400);
        assertThat(twoPhotos.json().get("detail").asString())
                .contains("file", "one photo per upload; send each in its own request");
        assertThat(twoPhotos.json().get("errors").get(0).get("field").asString())
                .isEqualTo("file");
        assertThat(extraFile.status()).as(extraFile.text()).isEqualTo(400);
        assertThat(extraFile.json().get("errors").get(0).get("field").asString())
                .isEqualTo("thumbnail");
        assertThat(extraField.status()).as(extraField.text()).isEqualTo(400);
        assertThat(extraField.json().get("errors").get(0).get("field").asString())
                .isEqualTo("caption");
        assertThat(twoVersions.status()).as(twoVersions.text()).isEqualTo(400);
        assertThat(twoVersions.json().get("errors").get(0).get("field").asString())
                .isEqualTo("version");
        for (Answer bad : List.of(twoPhotos, extraFile, extraField, twoVersions)) {
            assertThat(bad.headers().get("content-type")).startsWith("application/problem+json");
        }
        assertThat(storedPhotos()).isEqualTo(photos);
        assertThat(recordEntries()).isEqualTo(events);
        assertThat(police.get(path).json()).isEmpty();

        Answer one = police.uploadParts(path, FormPart.file("file", "q3.png", png(61)));
        assertThat(one.status()).as(one.text()).isEqualTo(201);
    }

    @Test
    @DisplayName("over 4 MB: 413 problem, nothing stored; exactly 4 MB fits")
    void overSizePhotosAnswer413AndStoreNothing() {
        long task = policeTaskOnScene();
        long photos = storedPhotos();
        long events = recordEntries();

        Answer justOver = upload(police, task, "big.png", pngOfSize(MAX_BYTES + 1));
        Answer wayOver = upload(police, task, "huge.png", pngOfSize(5 * 1024 * 1024));

        for (Answer tooLarge : List.of(justOver, wayOver)) {
            assertThat(tooLarge.status()).as(tooLarge.text()).isEqualTo(413);
            assertThat(tooLarge.json().get("type").asString()).isEqualTo("urn:liandong:problem:too-large");
        }
        assertThat(storedPhotos()).isEqualTo(photos);
        assertThat(recordEntries()).isEqualTo(events);

        Answer full = upload(police, task, "full.png", pngOfSize(MAX_BYTES));
        assertThat(full.status()).as(full.text()).isEqualTo(201);
        assertThat(full.json().get("size").asLong()).isEqualTo(MAX_BYTES);
    }

    @Test
    @DisplayName("a long file name is cut to 200 characters, not refused as a too large upload")
    void longFileNamesAreCutNotRefused() {
        long task = policeTaskOnScene();

        Answer latin = upload(police, task, "a".repeat(440) + ".png", png(41));
        Answer chinese = upload(police, task, "阀".repeat(170) + ".png", png(42));

        for (Answer answer : List.of(latin, chinese)) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(201);
            assertThat(answer.str("fileName").length()).isLessThanOrEqualTo(200);
        }
    }

    @Test
    void aTaskKeepsAtMostTenPhotos() {
        long task = policeTaskOnScene();
        for (int i = 0; i < 10; i++) {
            Answer ok = upload(police, task, "p" + i + ".png", png(100 + i));
            assertThat(ok.status()).as(ok.text()).isEqualTo(201);
        }
        long events = recordEntries();

        Answer eleventh = upload(police, task, "p10.png", png(110));

        assertThat(eleventh.status()).as(eleventh.text()).isEqualTo(422);
        assertThat(eleventh.json().get("detail").asString()).contains("10");
        assertThat(police.get("/api/tasks/" + task + "/attachments").json()).hasSize(10);
        assertThat(recordEntries()).isEqualTo(events);
    }

    @Test
    @DisplayName("only while the task may report back: not before it is acknowledged, not after it is done")
    void photosAreAttachedOnlyWhileTheTaskMayReportBack() {
        long incident = gasCase();
        JsonNode issued = taskOf(incident, "POLICE-SHUANGTA");
        long task = issued.get("id").asLong();
        long photos = storedPhotos();

        Answer beforeAck = upload(police, task, "a.png", png(4));
        clock.advance(Duration.ofMinutes(1));
        Answer ack = police.post(
                "/api/tasks/" + task + "/acknowledge",
                map("version", issued.get("version").asInt()));
        Answer staleVersion = police.upload(
                "/api/tasks/" + task + "/attachments",
                "file",
                "a.png",
                "image/png",
                png(4),
                Map.of("version", String.valueOf(issued.get("version").asInt())));
        Answer currentVersion = police.upload(
                "/api/tasks/" + task + "/attachments",
                "file",
                "a.png",
                "image/png",
                png(4),
                Map.of("version", String.valueOf(ack.version())));
        Answer done = police.post("/api/tasks/" + task + "/complete", map("version", ack.version()));
        Answer afterDone = upload(police, task, "b.png", png(5));

        assertThat(beforeAck.status()).as(beforeAck.text()).isEqualTo(422);
        assertThat(beforeAck.json().get("detail").asString()).contains("ISSUED");
        assertThat(staleVersion.status()).as(staleVersion.text()).isEqualTo(409);
        assertThat(currentVersion.status()).as(currentVersion.text()).isEqualTo(201);
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(afterDone.status()).as(afterDone.text()).isEqualTo(422);
        assertThat(afterDone.json().get("detail").asString()).contains("COMPLETED");
        assertThat(storedPhotos()).isEqualTo(photos + 1);
    }

    // ---- who may attach, who may look -------------------------------------------------------

    @Test
    @DisplayName("another agency finds neither the task nor its photos; the hall cannot attach")
    void anotherAgencyIsDeniedLikeOnEveryTaskEndpoint() {
        long task = policeTaskOnScene();
        long id = upload(police, task, "a.png", png(6)).id("id");
        long photos = storedPhotos();

        Answer gasUpload = upload(gas, task, "b.png", png(7));
        Answer gasList = gas.get("/api/tasks/" + task + "/attachments");
        Download gasDownload = gas.download("/api/tasks/" + task + "/attachments/" + id);
        Answer commanderUpload = upload(commander, task, "c.png", png(8));
        Answer analystUpload = upload(analyst, task, "d.png", png(9));

        assertThat(gasUpload.status()).isEqualTo(404);
        assertThat(gasList.status()).isEqualTo(404);
        assertThat(gasDownload.status()).isEqualTo(404);
        assertThat(new String(gasDownload.body(), StandardCharsets.UTF_8)).doesNotContain("PNG");
        assertThat(commanderUpload.status()).isEqualTo(403);
        assertThat(analystUpload.status()).isEqualTo(403);
        assertThat(storedPhotos()).isEqualTo(photos);
    }

    @Test
    @DisplayName("the call taker, commander, leader and administrator see the photos; the analyst does not")
    void hallRolesThatSeePersonalDataReadThePhotos() {
        long task = policeTaskOnScene();
        byte[] photo = png(10);
        long id = upload(police, task, "a.png", photo).id("id");
        String one = "/api/tasks/" + task + "/attachments/" + id;

        for (Api reader : List.of(callTaker, commander, leader, admin)) {
            assertThat(reader.get("/api/tasks/" + task + "/attachments").json()).hasSize(1);
            assertThat(reader.download(one).body()).isEqualTo(photo);
        }
        assertThat(analyst.get("/api/tasks/" + task + "/attachments").status()).isEqualTo(403);
        assertThat(analyst.download(one).status()).isEqualTo(403);
        assertThat(commander
                        .download("/api/tasks/" + task + "/attachments/999999999")
                        .status())
                .isEqualTo(404);
    }

    // ---- users with an agency role and a hall role ----------------------------------------------

    /** An account the administrator creates once for this center (a repeated call finds it made). */
    Api hybrid(String username, String agency, String... roles) {
        String password = "Hybrid-Pass-2026";
        Answer created = admin.post(
                "/api/users",
                map("username", username, "password", password, "roles", List.of(roles), "agency", agency));
        assertThat(created.status()).as(created.text()).isIn(201, 409);
        return Api.as(port, username, password);
    }

    /** A task of {@code agency} on a fresh gas case, dispatched by the commander if the plan did not. */
    long taskOnScene(Api agencyUser, String agency) {
        long incident = gasCase();
        long id;
        int version;
        JsonNode planned = null;
        for (JsonNode task : commander.get("/api/incidents/" + incident).json().get("tasks")) {
            if (task.get("agency").asString().equals(agency)) {
                planned = task;
            }
        }
        if (planned == null) {
            Answer dispatched = commander.post(
                    "/api/incidents/" + incident + "/orders/dispatch",
                    map(
                            "version",
                            commander
                                    .get("/api/incidents/" + incident)
                                    .json()
                                    .get("incident")
                                    .get("version")
                                    .asInt(),
                            "agency",
                            agency,
                            "instructions",
                            "开锁进入 502 室"));
            assertThat(dispatched.status()).as(dispatched.text()).isEqualTo(200);
            id = dispatched.id("id");
            version = dispatched.version();
        } else {
            id = planned.get("id").asLong();
            version = planned.get("version").asInt();
        }
        clock.advance(Duration.ofMinutes(1));
        Answer ack = agencyUser.post("/api/tasks/" + id + "/acknowledge", map("version", version));
        assertThat(ack.status()).as(ack.text()).isEqualTo(200);
        Answer arrive = agencyUser.post("/api/tasks/" + id + "/arrive", map("version", ack.version()));
        assertThat(arrive.status()).as(arrive.text()).isEqualTo(200);
        return id;
    }

    @Test
    @DisplayName("a gas representative who is also commander cannot attach to the police's task, but reads its photos")
    void aHallRoleLetsNoAgencyAttachToAnotherAgencysTask() {
        Api hybrid = hybrid("hybrid", "GAS-CO", "AGENCY_REP", "COMMANDER");
        long policeTask = policeTaskOnScene();
        byte[] photo = png(13);
        long id = upload(police, policeTask, "a.png", photo).id("id");
        long photos = storedPhotos();

        Answer foreign = upload(hybrid, policeTask, "b.png", png(14));
        Download commanderRead = hybrid.download("/api/tasks/" + policeTask + "/attachments/" + id);
        long gasTask = taskOnScene(hybrid, "GAS-CO");
        Answer own = upload(hybrid, gasTask, "c.png", png(15));

        assertThat(foreign.status()).as(foreign.text()).isEqualTo(403);
        assertThat(foreign.json().get("detail").asString()).contains("POLICE-SHUANGTA");
        assertThat(commanderRead.status()).as("the commander role sees photos").isEqualTo(200);
        assertThat(commanderRead.body()).isEqualTo(photo);
        assertThat(own.status()).as(own.text()).isEqualTo(201);
        assertThat(storedPhotos()).isEqualTo(photos + 1);
        assertThat(police.get("/api/tasks/" + policeTask + "/attachments").json())
                .as("the police task still has only the police's photo")
                .hasSize(1);
    }

    @Test
    @DisplayName("a locksmith clerk who is also analyst reads no gas photo, but its own agency's")
    void anAnalystWithAnAgencyRoleReadsOnlyItsOwnAgencysPhotos() {
        Api hybrid2 = hybrid("hybrid2", "LOCKSMITH", "AGENCY_CLERK", "ANALYST");
        long gasTask = taskOnScene(gas, "GAS-CO");
        long gasPhoto = upload(gas, gasTask, "gas.png", png(16)).id("id");
        long lockTask = taskOnScene(hybrid2, "LOCKSMITH");
        byte[] lockPhoto = png(17);
        Answer ownUpload = upload(hybrid2, lockTask, "door.png", lockPhoto);

        Answer gasList = hybrid2.get("/api/tasks/" + gasTask + "/attachments");
        Download gasDownload = hybrid2.download("/api/tasks/" + gasTask + "/attachments/" + gasPhoto);
        Answer gasTaskRead = hybrid2.get("/api/tasks/" + gasTask);
        Answer ownList = hybrid2.get("/api/tasks/" + lockTask + "/attachments");
        Download ownDownload = hybrid2.download("/api/tasks/" + lockTask + "/attachments/" + ownUpload.id("id"));

        assertThat(gasList.status()).as(gasList.text()).isEqualTo(403);
        assertThat(gasDownload.status()).isEqualTo(403);
        assertThat(new String(gasDownload.body(), StandardCharsets.UTF_8)).doesNotContain("PNG");
        assertThat(gasTaskRead.status()).as("the analyst role reads every task").isEqualTo(200);
        assertThat(ownUpload.status()).as(ownUpload.text()).isEqualTo(201);
        assertThat(ownList.status()).as(ownList.text()).isEqualTo(200);
        assertThat(ownList.json()).hasSize(1);
        assertThat(ownDownload.body()).isEqualTo(lockPhoto);
    }

    @Test
    void anAdministratorMayAttachLikeOnTheTaskSteps() {
        long task = policeTaskOnScene();

        Answer byAdmin = upload(admin, task, "admin.png", png(11));

        assertThat(byAdmin.status()).as(byAdmin.text()).isEqualTo(201);
        assertThat(byAdmin.str("uploadedBy")).isEqualTo("admin");
    }

    @Test
    void storedPhotosCannotBeChangedOrDeletedAtTheDatabase() {
        long task = policeTaskOnScene();
        upload(police, task, "a.png", png(12));

        assertThatThrownBy(() -> jdbc.sql("UPDATE task_attachment SET file_name = 'x' WHERE task_id = ?")
                        .param(task)
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM task_attachment WHERE task_id = ?")
                        .param(task)
                        .update())
                .hasMessageContaining("append-only");
    }
}

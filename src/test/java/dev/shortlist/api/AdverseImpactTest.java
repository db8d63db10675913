package dev.shortlist.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import dev.shortlist.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A batch's adverse-impact report against figures worked out by hand on a known batch: five
 * software resumes that a Java posting ranks above six from kitchens, wards and classrooms.
 */
@QuarkusTest
class AdverseImpactTest {

    private static final String JOB = Fixtures.job("java-developer");
    private static final String ADMIN = "sl_test_admin_key_for_tests_only";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String databaseUrl;

    @Test
    void theFiguresOfAKnownBatchAreTheHandComputedOnes() {
        List<Fixtures.Resume> software = new ArrayList<>(Fixtures.resumes("java-developer"));
        software.add(Fixtures.resumes("devops-engineer").get(0));
        List<Fixtures.Resume> others = List.of(Fixtures.resumes("chef").get(0), Fixtures.resumes("chef").get(1),
                Fixtures.resumes("nursing").get(0), Fixtures.resumes("nursing").get(1), Fixtures.resumes("teacher").get(0),
                Fixtures.resumes("teacher").get(1));
        List<Map<String, Object>> resumes = new ArrayList<>();
        // The five the cut selects (top:5): a candidate who declined both categories among them.
        resumes.add(resume("s1", software.get(0), "female", "white"));
        resumes.add(resume("s2", software.get(1), "female", "asian"));
        resumes.add(resume("s3", software.get(2), "male", "white"));
        resumes.add(resume("s4", software.get(3), "male", "black-or-african-american"));
        resumes.add(resume("s5", software.get(4), "declined", "declined"));
        // The six it does not: one gave no categories at all.
        resumes.add(resume("o1", others.get(0), "female", "white"));
        resumes.add(resume("o2", others.get(1), "female", "black-or-african-american"));
        resumes.add(resume("o3", others.get(2), "female", "black-or-african-american"));
        resumes.add(resume("o4", others.get(3), "male", "white"));
        resumes.add(resume("o5", others.get(4), "male", "asian"));
        resumes.add(Map.of("externalId", "o6", "text", others.get(5).text()));
        String batch = given().contentType(ContentType.JSON)
                .body(Map.of("type", "score", "jobDescription", Map.of("text", JOB), "resumes", resumes))
                .when().post("/api/v1/batches").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "completed".equals(given().get("/api/v1/batches/{id}", batch).then().extract().path("status")));
        List<String> ranked = given().get("/api/v1/batches/{id}/shortlist", batch).then().statusCode(200).extract().jsonPath()
                .getList("items.externalId", String.class);
        assertThat(Set.copyOf(ranked.subList(0, 5))).as("the batch as known").containsExactlyInAnyOrder("s1", "s2", "s3", "s4", "s5");

        JsonPath report = given().get("/api/v1/batches/{id}/impact?cut=top:5", batch).then().statusCode(200).extract().jsonPath();

        assertThat(report.getInt("candidates")).isEqualTo(11);
        assertThat(report.getInt("scored")).isEqualTo(11);
        assertThat(report.getInt("selected")).isEqualTo(5);
        assertThat(report.getInt("notSelfIdentified")).isEqualTo(1);
        // Sex: female 2 of 5 = 0.4, male 2 of 4 = 0.5 (the highest); 0.4 / 0.5 = 0.8 is not below four fifths.
        assertGroup(report, "sex", "female", null, 5, 2, 0.4, 0.8, false);
        assertGroup(report, "sex", "male", null, 4, 2, 0.5, 1.0, false);
        assertGroup(report, "sex", "declined", null, 1, 1, 1.0, null, null);
        // Race/ethnicity: white 2 of 4 and asian 1 of 2 share the highest rate, 0.5; black 1 of 3 = 0.3333, ratio 0.6667.
        assertGroup(report, "raceEthnicity", null, "white", 4, 2, 0.5, 1.0, false);
        assertGroup(report, "raceEthnicity", null, "asian", 2, 1, 0.5, 1.0, false);
        assertGroup(report, "raceEthnicity", null, "black-or-african-american", 3, 1, 0.3333, 0.6667, true);
        assertGroup(report, "raceEthnicity", null, "declined", 1, 1, 1.0, null, null);
        // Intersections, those who declined left out: the highest rate is 1.0 (1 of 1 twice).
        assertGroup(report, "intersections", "female", "white", 2, 1, 0.5, 0.5, true);
        assertGroup(report, "intersections", "female", "asian", 1, 1, 1.0, 1.0, false);
        assertGroup(report, "intersections", "female", "black-or-african-american", 2, 0, 0.0, 0.0, true);
        assertGroup(report, "intersections", "male", "white", 2, 1, 0.5, 0.5, true);
        assertGroup(report, "intersections", "male", "black-or-african-american", 1, 1, 1.0, 1.0, false);
        assertGroup(report, "intersections", "male", "asian", 1, 0, 0.0, 0.0, true);
        assertThat(report.getList("intersections")).hasSize(6);
        // Eleven scores: the median is the sixth, the best of the six not selected; the five above it are those selected.
        assertThat(report.getInt("sex.find { it.sex == 'female' }.aboveMedian")).isEqualTo(2);
        assertThat(report.getDouble("raceEthnicity.find { it.raceEthnicity == 'black-or-african-american' }.scoringRate"))
                .isCloseTo(0.3333, within(1e-9));
        assertThat(report.getDouble("raceEthnicity.find { it.raceEthnicity == 'black-or-african-american' }.scoringImpactRatio"))
                .isCloseTo(0.6667, within(1e-9));
        assertThat(report.getString("sex.find { it.sex == 'female' }.note")).contains("too few to judge");

        JsonPath everyone = given().get("/api/v1/batches/{id}/impact?cut=score:0", batch).then().statusCode(200).extract().jsonPath();
        assertThat(everyone.getInt("selected")).isEqualTo(11);
        assertThat(everyone.getList("sex.impactRatio", Double.class)).containsExactly(1.0, 1.0, null);

        // A candidate erased leaves the report with their categories.
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("externalId", "s1"))
                .post("/api/v1/admin/erasures").then().statusCode(200);
        JsonPath after = given().get("/api/v1/batches/{id}/impact?cut=top:4", batch).then().statusCode(200).extract().jsonPath();
        assertThat(after.getInt("scored")).isEqualTo(10);
        assertGroup(after, "sex", "female", null, 4, 1, 0.25, 0.5, true);
        assertThat(count("SELECT count(*) FROM self_identified WHERE batch_id = ?::uuid", batch)).isEqualTo(9);
    }

    @Test
    void categoriesAreTheDocumentedOnesAndTheCutIsTopOrScore() {
        Map<String, Object> batch = new HashMap<>(Map.of("type", "score", "jobDescription", Map.of("text", "Java"),
                "resumes", List.of(Map.of("text", "Java", "selfIdentified", Map.of("sex", "robot", "raceEthnicity", "white")),
                        Map.of("text", "Java", "selfIdentified", Map.of("sex", "female")))));
        given().contentType(ContentType.JSON).body(batch).when().post("/api/v1/batches")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("resumes[0].selfIdentified.sex"))
                .body("errors.field", hasItem("resumes[1].selfIdentified.raceEthnicity"));
        batch.put("resumes", List.of(Map.of("text", "Java", "selfIdentified", Map.of("sex", "female", "raceEthnicity", "white", "age", 40))));
        given().contentType(ContentType.JSON).body(batch).when().post("/api/v1/batches")
                .then().statusCode(400).contentType("application/problem+json");

        batch.put("resumes", List.of(Map.of("text", "Java developer", "selfIdentified", Map.of("sex", "female", "raceEthnicity", "white"))));
        String id = given().contentType(ContentType.JSON).body(batch).when().post("/api/v1/batches")
                .then().statusCode(202).extract().path("id");
        for (String cut : new String[] {"", "top:0", "best:3", "score:101", "top:x"}) {
            given().get("/api/v1/batches/{id}/impact?cut=" + cut, id).then().statusCode(400).body("errors.field", hasItem("cut"));
        }
        // The categories are kept apart: the job's input, all the engine gets, holds none.
        assertThat(count("SELECT count(*) FROM self_identified WHERE batch_id = ?::uuid", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM jobs WHERE batch_id = ?::uuid AND input::text LIKE '%female%'", id)).isZero();
    }

    private int count(String sql, String argument) {
        try (Connection db = DriverManager.getConnection(databaseUrl, "shortlist", "shortlist");
                PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, argument);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> resume(String id, Fixtures.Resume resume, String sex, String race) {
        return Map.of("externalId", id, "text", resume.text(), "selfIdentified", Map.of("sex", sex, "raceEthnicity", race));
    }

    private static void assertGroup(JsonPath report, String list, String sex, String race, int count, int selected,
            double rate, Double ratio, Boolean flagged) {
        String find = list + ".find { it.sex == " + (sex == null ? "null" : "'" + sex + "'") + " && it.raceEthnicity == "
                + (race == null ? "null" : "'" + race + "'") + " }";
        assertThat(report.getMap(find)).as(find).isNotNull();
        assertThat(report.getInt(find + ".count")).as(find + " count").isEqualTo(count);
        assertThat(report.getInt(find + ".selected")).as(find + " selected").isEqualTo(selected);
        assertThat(report.getDouble(find + ".selectionRate")).as(find + " rate").isCloseTo(rate, within(1e-9));
        if (ratio == null) {
            assertThat(report.getString(find + ".impactRatio")).as(find + " ratio").isNull();
        } else {
            assertThat(report.getDouble(find + ".impactRatio")).as(find + " ratio").isCloseTo(ratio, within(1e-9));
        }
        assertThat(report.getString(find + ".belowFourFifths")).as(find + " flag")
                .isEqualTo(flagged == null ? null : flagged.toString());
    }
}

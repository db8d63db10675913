package dev.shortlist.support;

/** Job descriptions for tests, written from public role definitions (the shared postings have no tech roles). */
public final class JobDescriptions {

    public static final String JAVA_DEVELOPER = """
            Java Developer

            We are hiring a Java developer to build and run the backend services of our platform.

            Requirements:
            - 3+ years of professional experience with Java and the Spring framework (Spring Boot, Spring MVC)
            - Hibernate / JPA and SQL databases such as MySQL, Oracle or PostgreSQL
            - Building REST APIs and web services; microservices a plus
            - Git, Maven, JUnit; Jenkins for continuous integration
            - HTML, JavaScript and jQuery for internal tools

            Nice to have: Kafka, Docker, AWS, Agile/Scrum teams.
            """;

    public static final String HR_MANAGER = """
            HR Executive

            Own recruitment end to end: sourcing, screening, interviews and onboarding of new hires.
            Run payroll, employee engagement and performance appraisal cycles, handle grievances and
            keep HR policies and statutory compliance up to date. Strong communication and MS Excel.
            """;

    private JobDescriptions() {
    }
}

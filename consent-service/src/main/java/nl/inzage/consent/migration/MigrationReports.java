package nl.inzage.consent.migration;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.inzage.consent.fhir.FhirContextProducer;
import org.apache.commons.csv.CSVFormat;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A job's report: per record as CSV or as a FHIR Bundle (collection) of one OperationOutcome per
 * record, written a page of records at a time (a report of a million records never sits in
 * memory); per organisation as CSV or one OperationOutcome. Records are named by number (CSV: data
 * row, counted from 1 after the header; FHIR: {@code Bundle.entry[index]}).
 */
@ApplicationScoped
public class MigrationReports {

    /** The code system of {@code issue.details}: the record's result, or {@code organisation-totals}. */
    public static final String RESULT_SYSTEM = "http://inzage.nl/fhir/CodeSystem/consent-migration-result";
    public static final List<String> RECORD_COLUMNS = List.of("record", "organisation", "result", "outcome", "consent_id", "detail");
    public static final List<String> TOTAL_COLUMNS = List.of("organisation", "valid", "incomplete", "invalid", "scope-not-migratable",
            "imported", "would-import", "already-imported", "register-has-consent");

    private final FhirContext fhir;
    private final MigrationJobs jobs;

    public MigrationReports(FhirContext fhir, MigrationJobs jobs) {
        this.fhir = fhir;
        this.jobs = jobs;
    }

    /** Written on a worker thread: each page is read from the database while the previous one is on its way. */
    public StreamingOutput recordsCsv(MigrationJobEntity job) {
        return out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(csv(RECORD_COLUMNS.toArray()));
            forEachRecord(job.id, r -> write(writer, csv(r.recordNo, r.organisation, r.result, r.outcome, r.consentId, r.detail)));
            writer.flush();
        };
    }

    public StreamingOutput recordsFhir(MigrationJobEntity job) {
        IParser parser = FhirContextProducer.jsonParser(fhir);
        return out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
            boolean[] first = {true};
            forEachRecord(job.id, r -> {
                write(writer, (first[0] ? "" : ",") + "{\"resource\":" + parser.encodeResourceToString(outcome(job, r)) + "}");
                first[0] = false;
            });
            writer.write("]}");
            writer.flush();
        };
    }

    public String totalsCsv(List<MigrationJobs.OrganisationTotals> totals) {
        StringBuilder out = new StringBuilder(csv(TOTAL_COLUMNS.toArray()));
        for (MigrationJobs.OrganisationTotals row : totals) {
            Object[] values = new Object[TOTAL_COLUMNS.size()];
            values[0] = row.organisation();
            for (int i = 1; i < values.length; i++) {
                values[i] = row.counts().getOrDefault(TOTAL_COLUMNS.get(i), 0L);
            }
            out.append(csv(values));
        }
        return out.toString();
    }

    /** One information issue per organisation, its totals in {@code diagnostics}. */
    public String totalsFhir(List<MigrationJobs.OrganisationTotals> totals) {
        OperationOutcome outcome = new OperationOutcome();
        for (MigrationJobs.OrganisationTotals row : totals) {
            StringBuilder text = new StringBuilder("organisation ").append(row.organisation()).append(":");
            for (String column : TOTAL_COLUMNS.subList(1, TOTAL_COLUMNS.size())) {
                text.append(' ').append(column).append(' ').append(row.counts().getOrDefault(column, 0L));
            }
            outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                    .setDetails(new CodeableConcept(new Coding(RESULT_SYSTEM, "organisation-totals", null)).setText(row.organisation()))
                    .setDiagnostics(text.toString());
        }
        return FhirContextProducer.jsonParser(fhir).encodeResourceToString(outcome);
    }

    private void forEachRecord(String jobId, java.util.function.Consumer<MigrationRecordEntity> action) {
        long after = 0;
        while (true) {
            long from = after;
            List<MigrationRecordEntity> page;
            try {
                page = VertxContextSupport.subscribeAndAwait(() -> jobs.page(jobId, from));
            } catch (Throwable e) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            if (page.isEmpty()) {
                return;
            }
            page.forEach(action);
            after = page.get(page.size() - 1).recordNo;
        }
    }

    private static OperationOutcome outcome(MigrationJobEntity job, MigrationRecordEntity record) {
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue();
        switch (record.result) {
            case "valid" -> issue.setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL);
            case "incomplete" -> issue.setSeverity(IssueSeverity.ERROR).setCode(IssueType.REQUIRED);
            case "scope-not-migratable" -> issue.setSeverity(IssueSeverity.WARNING).setCode(IssueType.NOTSUPPORTED);
            default -> issue.setSeverity(IssueSeverity.ERROR).setCode(IssueType.INVALID);
        }
        issue.setDetails(new CodeableConcept(new Coding(RESULT_SYSTEM, record.result, null)));
        issue.addLocation(MigrationJobs.CSV.equals(job.fileFormat)
                ? "record " + record.recordNo
                : "Bundle.entry[" + (record.recordNo - 1) + "]");
        StringBuilder text = new StringBuilder(record.result);
        if (record.organisation != null) {
            text.append(" (organisation ").append(record.organisation).append(")");
        }
        if (record.outcome != null) {
            text.append(": ").append(record.outcome).append(record.consentId != null ? " as Consent/" + record.consentId : "");
        }
        if (record.detail != null) {
            text.append(": ").append(record.detail);
        }
        issue.setDiagnostics(text.toString());
        return outcome;
    }

    private static void write(Writer writer, String text) {
        try {
            writer.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csv(Object... values) {
        try {
            StringBuilder line = new StringBuilder();
            CSVFormat.DEFAULT.printRecord(line, values);
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

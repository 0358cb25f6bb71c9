package nl.inzage.consent.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.inzage.consent.Caller;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.migration.MigrationJobEntity;
import nl.inzage.consent.migration.MigrationJobs;
import nl.inzage.consent.migration.MigrationReports;
import nl.inzage.consent.migration.MigrationRunner;
import nl.inzage.consent.migration.MigrationUploads;
import nl.inzage.consent.migration.MigrationStatus;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.Roles;

/**
 * Migrating a regional register's consents: upload a file (CSV or a FHIR Bundle), follow the job,
 * read its report. An operator migrates a whole region; a privacy officer only her own
 * organisation's records (others are reported invalid) and sees only her organisation's jobs.
 */
@Path("/migrations")
@RolesAllowed({Roles.OPERATOR, Roles.PRIVACY_OFFICER})
public class MigrationResource {

    static final String CSV = "text/csv";
    private static final Pattern REGISTER = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

    private final MigrationJobs jobs;
    private final MigrationRunner runner;
    private final MigrationReports reports;
    private final MigrationUploads uploads;
    private final SecurityIdentity identity;

    public MigrationResource(MigrationJobs jobs, MigrationRunner runner, MigrationReports reports, MigrationUploads uploads,
            SecurityIdentity identity) {
        this.jobs = jobs;
        this.runner = runner;
        this.reports = reports;
        this.uploads = uploads;
        this.identity = identity;
    }

    /**
     * Spools the body to disk (it can be far larger than memory), checks that it is what its
     * Content-Type says, and starts the job: 202 with the status resource in Location.
     */
    @POST
    @Blocking
    @Consumes({CSV, FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(@QueryParam("dryRun") String dryRun, @QueryParam("register") String register,
            @QueryParam("fileName") String fileName, @HeaderParam("Content-Type") String contentType, InputStream body) {
        if (!"true".equals(dryRun) && !"false".equals(dryRun)) {
            throw FhirProblem.invalid("Say dryRun=true (report only, changes nothing) or dryRun=false (import the valid records).");
        }
        String registerName = register == null ? "regional-register" : register;
        if (!REGISTER.matcher(registerName).matches()) {
            throw FhirProblem.invalid("register must be a name of letters, digits, '.', '_' or '-' (at most 64).");
        }
        MigrationJobEntity job = new MigrationJobEntity();
        job.id = UUID.randomUUID().toString();
        job.dryRun = Boolean.parseBoolean(dryRun);
        job.register = registerName;
        job.fileName = fileName == null || fileName.isBlank() ? "upload" : fileName.replaceAll("[^A-Za-z0-9._ -]", "_");
        job.fileName = job.fileName.substring(0, Math.min(job.fileName.length(), 200));
        job.fileFormat = contentType != null && contentType.toLowerCase().startsWith(CSV) ? MigrationJobs.CSV : MigrationJobs.FHIR;
        requester(job);
        MigrationJobEntity created = uploads.accept(job, body);
        return Response.accepted(MigrationStatus.of(created)).location(URI.create("/migrations/" + created.id)).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<MigrationStatus> status(@PathParam("id") String id) {
        return readable(id).map(MigrationStatus::of);
    }

    /** Per record, in record order. */
    @GET
    @Blocking
    @Path("/{id}/report")
    @Produces(CSV)
    public Response reportCsv(@PathParam("id") String id) {
        MigrationJobEntity job = await(readable(id));
        return Response.ok(reports.recordsCsv(job), CSV).build();
    }

    @GET
    @Blocking
    @Path("/{id}/report")
    @Produces(FhirMediaTypes.FHIR_JSON)
    public Response reportFhir(@PathParam("id") String id) {
        MigrationJobEntity job = await(readable(id));
        return Response.ok(reports.recordsFhir(job), FhirMediaTypes.FHIR_JSON).build();
    }

    /** Totals per organisation. */
    @GET
    @Path("/{id}/report/organisations")
    @Produces(CSV)
    public Uni<String> organisationsCsv(@PathParam("id") String id) {
        return readable(id).chain(job -> jobs.totals(job.id)).map(reports::totalsCsv);
    }

    @GET
    @Path("/{id}/report/organisations")
    @Produces(FhirMediaTypes.FHIR_JSON)
    public Uni<String> organisationsFhir(@PathParam("id") String id) {
        return readable(id).chain(job -> jobs.totals(job.id)).map(reports::totalsFhir);
    }

    /** Goes on with a failed job after its last committed record. */
    @POST
    @Path("/{id}/resume")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> resume(@PathParam("id") String id) {
        return readable(id)
                .chain(job -> jobs.requeue(job.id))
                .invoke(job -> runner.submit(job.id))
                .map(job -> Response.accepted(MigrationStatus.of(job)).location(URI.create("/migrations/" + job.id)).build());
    }

    private Uni<MigrationJobEntity> readable(String id) {
        Caller caller = Caller.of(identity);
        return jobs.find(id).invoke(job -> {
            if (!identity.hasRole(Roles.OPERATOR) && !Objects.equals(job.requesterUra, caller.ura())) {
                throw FhirProblem.forbidden("This migration was started for another organisation.");
            }
        });
    }

    private void requester(MigrationJobEntity job) {
        Caller caller = Caller.of(identity);
        job.requestedBy = caller.subject();
        if (identity.hasRole(Roles.OPERATOR)) {
            job.requesterRole = Roles.OPERATOR;
            return;
        }
        if (!Identifiers.isValidUra(caller.ura())) {
            throw FhirProblem.forbidden("A privacy officer's token must name her organisation (claim 'ura').");
        }
        job.requesterRole = Roles.PRIVACY_OFFICER;
        job.requesterUra = caller.ura();
    }

    private static <T> T await(Uni<T> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> work);
        } catch (Throwable e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }
}

package nl.inzage.consent.mitz;

/**
 * The closed question's inputs (DOMAIN.md): the client, the data holder, the requester; purpose TREAT.
 */
public record ClosedQuestion(String patientBsn, String dataHolderUra, String dataHolderType, String requesterUzi,
        String requesterRole, String requesterUra, String requesterType) {
}

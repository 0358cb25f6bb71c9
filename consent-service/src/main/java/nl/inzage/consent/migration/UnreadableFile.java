package nl.inzage.consent.migration;

/** The file breaks off or stops being CSV/JSON part-way: the job stops there; the records before it stay done. */
public class UnreadableFile extends RuntimeException {

    public UnreadableFile(String message) {
        super(message, null, false, false);
    }
}

package nl.inzage.relationship;

/** An end as the caller sent it, not yet checked: {@code {"end": "<date>", "reason": "<text>"}}. */
public record EndRequest(String end, String reason) {

    public static final String END = "end";
    public static final String REASON = "reason";
}

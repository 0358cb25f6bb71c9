package nl.inzage.audit.replay;

/** Whether the role may see the category under the configured matrix. */
public record RoleCheck(String role, String category, boolean permitted) {
}

package nl.inzage.contracts;

/**
 * Who made a change: a source system (type {@code source-system}, id = client id), a citizen
 * ({@code client}), a practitioner ({@code practitioner}, id = UZI), a service or Mitz.
 * {@code organization} is the URA acted for, when there is one.
 */
public record Actor(String type, String id, String organization) {
}

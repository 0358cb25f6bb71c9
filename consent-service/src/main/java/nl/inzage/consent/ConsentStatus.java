package nl.inzage.consent;

import java.util.List;

/**
 * The answer to "must consent still be asked?" for one client at one data holder.
 *
 * @param status   {@code permit}, {@code deny} or {@code no-choice}
 * @param consents the consent versions the answer rests on ({@code id/_history/v})
 * @param revision the store revision the answer was read at
 */
public record ConsentStatus(String status, List<String> consents, long revision) {
}

package nl.inzage.gateway.auth;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one cache of verified tokens that the provider and the recorder share. */
public class VerifiedTokenBeans {

    @Produces
    @Singleton
    VerifiedTokens verifiedTokens(VerifiedTokenConfig config) {
        return new VerifiedTokens(config.timeToLive(), config.maximumSize());
    }
}

package nl.inzage.mitz.simulator;

import java.util.UUID;

/**
 * A Mitz notification as real ones come (DOMAIN.md): FHIR XML, a transaction Bundle with the Consent,
 * the Patient (BSN) and the Organization (URA, organisation type) it points at by {@code urn:uuid:};
 * provider categories as extensions, codings with a version, the old ActReason system URI, no
 * policy or policyRule, and a refusal as {@code inactive} with a provision that has an actor but no type.
 */
final class NotificationBundles {

    private NotificationBundles() {
    }

    static String xml(MitzSimulator.Choice choice) {
        String patient = "urn:uuid:" + UUID.randomUUID();
        String organization = "urn:uuid:" + UUID.randomUUID();
        StringBuilder categories = new StringBuilder();
        for (String category : choice.providerCategories()) {
            categories.append("""
                        <extension url="http://fhir.nl/StructureDefinition/OTV-ProviderCategory">
                          <valueCoding>
                            <system value="http://fhir.nl/otv/CodeSystem/raadplegende-zorgaanbiedercategorie"/>
                            <version value="1.0.0"/>
                            <code value="%s"/>
                          </valueCoding>
                        </extension>
                """.formatted(escape(category)));
        }
        String provisionType = choice.permit() ? "      <type value=\"permit\"/>\n" : "";
        String holderType = choice.holderType() == null ? "" : """
                        <type>
                          <coding>
                            <system value="http://nictiz.nl/fhir/NamingSystem/organization-type"/>
                            <code value="%s"/>
                          </coding>
                        </type>
                """.formatted(escape(choice.holderType()));
        return """
                <Bundle xmlns="http://hl7.org/fhir">
                  <id value="%s"/>
                  <type value="transaction"/>
                  <entry>
                    <fullUrl value="urn:uuid:%s"/>
                    <resource>
                      <Consent>
                        <id value="%s"/>
                        <meta>
                          <lastUpdated value="%s"/>
                          <profile value="http://vzvz.nl/fhir/StructureDefinition/Consent-Mitz-Notify|3.8.0"/>
                        </meta>
                %s        <status value="%s"/>
                        <scope>
                          <coding>
                            <system value="http://terminology.hl7.org/CodeSystem/consentscope"/>
                            <version value="4.0.1"/>
                            <code value="patient-privacy"/>
                          </coding>
                        </scope>
                        <category>
                          <coding>
                            <system value="http://snomed.info/sct"/>
                            <version value="http://snomed.info/sct/11000146104"/>
                            <code value="57016000"/>
                          </coding>
                        </category>
                        <patient>
                          <reference value="%s"/>
                        </patient>
                        <dateTime value="%s"/>
                        <provision>
                %s          <actor>
                            <role>
                              <coding>
                                <system value="http://terminology.hl7.org/CodeSystem/v3-ParticipationType"/>
                                <version value="2018-08-12"/>
                                <code value="CST"/>
                              </coding>
                            </role>
                            <reference>
                              <reference value="%s"/>
                            </reference>
                          </actor>
                          <purpose>
                            <system value="http://hl7.org/fhir/v3/ActReason"/>
                            <version value="2018-08-12"/>
                            <code value="TREAT"/>
                          </purpose>
                          <code>
                            <coding>
                              <system value="http://fhir.nl/otv/CodeSystem/gegevenscategorie"/>
                              <version value="1.0.0"/>
                              <code value="%s"/>
                            </coding>
                          </code>
                        </provision>
                      </Consent>
                    </resource>
                    <request>
                      <method value="PUT"/>
                      <url value="Consent/%s"/>
                    </request>
                  </entry>
                  <entry>
                    <fullUrl value="%s"/>
                    <resource>
                      <Patient>
                        <identifier>
                          <system value="http://fhir.nl/fhir/NamingSystem/bsn"/>
                          <value value="%s"/>
                        </identifier>
                      </Patient>
                    </resource>
                    <request>
                      <method value="PUT"/>
                      <url value="Patient?identifier=http://fhir.nl/fhir/NamingSystem/bsn|%s"/>
                    </request>
                  </entry>
                  <entry>
                    <fullUrl value="%s"/>
                    <resource>
                      <Organization>
                        <identifier>
                          <system value="http://fhir.nl/fhir/NamingSystem/ura"/>
                          <value value="%s"/>
                        </identifier>
                %s      </Organization>
                    </resource>
                    <request>
                      <method value="PUT"/>
                      <url value="Organization?identifier=http://fhir.nl/fhir/NamingSystem/ura|%s"/>
                    </request>
                  </entry>
                </Bundle>
                """.formatted(UUID.randomUUID(), escape(choice.id()), escape(choice.id()), choice.dateTime(), categories,
                choice.permit() ? "active" : "inactive", patient, choice.dateTime(), provisionType, organization,
                escape(choice.dataCategory()), escape(choice.id()), patient, escape(choice.bsn()), escape(choice.bsn()),
                organization, escape(choice.holderUra()), holderType, escape(choice.holderUra()));
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

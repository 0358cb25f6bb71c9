/**
 * Strict models of the CloudNativePG and Keycloak Operator custom resources.
 *
 * <p>Neither project publishes a Java model or a JSON schema of its CRDs on Maven Central (the only
 * registry this build reaches; org.keycloak:keycloak-operator is not published there), so these
 * records are written here from the operators' API references, for the fields Inzage uses. They
 * catch a misspelt, misplaced or mistyped field; they cannot catch a field the real CRD lacks that
 * these records declare, so add a field only as the reference spells it. The realm inside a
 * KeycloakRealmImport is Keycloak's own published {@code RealmRepresentation} (keycloak-core).
 */
package nl.inzage.deploy.model.crd;

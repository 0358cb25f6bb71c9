package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in for Strimzi's own annotation of this name, so that reflection can read it from the
 * io.strimzi:api model classes. Strimzi marks with it the properties that exist only in some API
 * versions (e.g. "v1alpha1-v1beta2"); its crd-generator jar, where the real one lives, is not on
 * Maven Central for 0.51.0 (and needs Java 21 from 1.x on). Same name, same element: the JVM
 * resolves the annotation in the class files to this type.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.FIELD, ElementType.TYPE })
public @interface PresentInVersions {
    String value();
}

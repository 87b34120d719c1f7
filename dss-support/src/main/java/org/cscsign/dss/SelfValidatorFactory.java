package org.cscsign.dss;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Makes {@link SelfValidator}s: the service a signer looks up with {@link ServiceLoader} (file
 * {@code META-INF/services/org.cscsign.dss.SelfValidatorFactory}), or is given explicitly. Implementations
 * have a public no-argument constructor and are thread-safe.
 */
public interface SelfValidatorFactory {

    /**
     * A validator that trusts exactly the given anchors and fetches missing validation data only through
     * the given loaders (none when they are {@link DataLoaders#offline() offline}).
     *
     * @param trustAnchors the roots the signer's chain (and the TSA's) must end in; not empty
     * @param dataLoaders  all network access the validator may make
     * @return a ready validator
     * @throws IllegalArgumentException when {@code trustAnchors} is empty
     * @throws NullPointerException     when an argument is null
     */
    SelfValidator create(Collection<X509Certificate> trustAnchors, DataLoaders dataLoaders);

    /**
     * The first factory on the class path of this interface's class loader.
     *
     * @return the factory, empty when none is installed (the {@code validator} module is absent)
     * @throws java.util.ServiceConfigurationError when an installed factory cannot be loaded
     */
    static Optional<SelfValidatorFactory> installed() {
        return ServiceLoader.load(SelfValidatorFactory.class, SelfValidatorFactory.class.getClassLoader()).findFirst();
    }
}

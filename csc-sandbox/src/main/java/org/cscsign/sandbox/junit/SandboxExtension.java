package org.cscsign.sandbox.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.cscsign.sandbox.Profile;
import org.cscsign.sandbox.Sandbox;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs a {@link Sandbox} for a test class:
 * <pre>{@code
 * @RegisterExtension
 * static SandboxExtension sandbox = SandboxExtension.standard();
 * }</pre>
 * It starts before all tests of the class and stops after them; before each test it resets the
 * {@link org.cscsign.sandbox.Faults} and {@link org.cscsign.sandbox.Stats}. Test methods may also take
 * a {@link Sandbox} parameter. Key material is generated once per JVM and copied into a fresh state
 * dir for every sandbox, so many sandboxes start quickly. Registered on an instance field, it runs
 * one sandbox per test instead.
 */
public final class SandboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final UnaryOperator<Sandbox.Builder> customizer;
    private Sandbox sandbox;
    private Path stateDir;
    private boolean perTest;

    private SandboxExtension(UnaryOperator<Sandbox.Builder> customizer) {
        this.customizer = Objects.requireNonNull(customizer, "customizer");
    }

    /** @return an extension running a STANDARD sandbox with the defaults */
    public static SandboxExtension standard() {
        return new SandboxExtension(b -> b);
    }

    /** @return an extension running a BANKID sandbox (DPoP with nonce, no SAD) */
    public static SandboxExtension bankid() {
        return new SandboxExtension(b -> b.profile(Profile.BANKID));
    }

    /** @return an extension running a PRIMESIGN sandbox (authorization-code flow, Keycloak-like issuer) */
    public static SandboxExtension primesign() {
        return new SandboxExtension(b -> b.profile(Profile.PRIMESIGN));
    }

    /**
     * @param customizer adjusts the builder, e.g. {@code b -> b.scal(2).multisign(10)}; the builder
     *     comes with a fresh state dir seeded with the JVM-wide key material (a customizer that sets its
     *     own state dir gets that one as it is)
     * @return an extension running the customised sandbox
     */
    public static SandboxExtension create(UnaryOperator<Sandbox.Builder> customizer) {
        return new SandboxExtension(customizer);
    }

    /**
     * @return the running sandbox
     * @throws IllegalStateException outside the tests of the class
     */
    public Sandbox get() {
        if (sandbox == null) {
            throw new IllegalStateException("The sandbox runs only while the tests of the class run");
        }
        return sandbox;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startSandbox();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopSandbox();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (sandbox == null) {
            perTest = true;
            startSandbox();
        }
        sandbox.faults().reset();
        sandbox.stats().reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stopSandbox();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Sandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (sandbox == null) {
            throw new ParameterResolutionException("The sandbox is not running");
        }
        return sandbox;
    }

    private synchronized void startSandbox() {
        try {
            stateDir = Files.createTempDirectory("csc-sandbox-test-");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a state dir", e);
        }
        Template.seed(stateDir);
        sandbox = customizer.apply(Sandbox.builder().stateDir(stateDir)).build().start();
    }

    private synchronized void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
        if (stateDir != null) {
            Sandbox.deleteStateDir(stateDir);
            stateDir = null;
        }
    }

    /** Key material generated once per JVM (lazy holder), copied into each sandbox's state dir. */
    private static final class Template {
        private static final Path DIR = create();

        private static Path create() {
            try {
                Path dir = Files.createTempDirectory("csc-sandbox-keys-");
                // Starting a sandbox once generates every key (PKI and OAuth2 client) into dir.
                Sandbox.builder().stateDir(dir).build().start().close();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Sandbox.deleteStateDir(dir)));
                return dir;
            } catch (IOException e) {
                throw new IllegalStateException("Cannot create the sandbox key template", e);
            }
        }

        static void seed(Path target) {
            Sandbox.copyKeyMaterial(DIR, target);
        }
    }
}

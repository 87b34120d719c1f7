/**
 * JUnit 5 support: {@link org.cscsign.sandbox.junit.SandboxExtension} runs a
 * {@link org.cscsign.sandbox.Sandbox} for a test class. JUnit is an optional dependency of the
 * module; only tests that use this package need it.
 */
package org.cscsign.sandbox.junit;

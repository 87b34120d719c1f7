package org.cscsign.sandbox;

import java.util.Objects;

/**
 * How the sandbox's STANDARD profile departs from its default shape, so that clients are tested
 * against CSC services as they exist: no login or CSC v1 {@code auth/login}, implicit credential
 * authorization, a service that refuses optional parameters, paginated lists, asynchronous signing
 * and authorization, and a service that does not report {@code cert.status}. Immutable; the
 * defaults ({@link #DEFAULT}) are the sandbox as it always was.
 *
 * <pre>{@code
 * Sandbox.builder().quirks(ServiceQuirks.builder().login(Login.NONE).implicitAuthorization(true).build())
 * }</pre>
 */
public final class ServiceQuirks {

    /** How a client logs in to the CSC API. */
    public enum Login {
        /** OAuth2 client credentials at {@code /oauth2/token} ({@code authType} oauth2client); the default. */
        OAUTH2_CLIENT,
        /** No login at all: no {@code Authorization} header is needed ({@code authType} external). */
        NONE,
        /** CSC v1 {@code auth/login} with HTTP Basic, then a Bearer token ({@code authType} basic). */
        BASIC
    }

    /** The sandbox as it always was. */
    public static final ServiceQuirks DEFAULT = builder().build();

    private final Login login;
    private final boolean implicitAuthorization;
    private final int optionalParameterRefusal;
    private final int maxPageSize;
    private final boolean asynchronousSigning;
    private final boolean asynchronousAuthorization;
    private final int pendingPolls;
    private final boolean reportCertStatus;

    private ServiceQuirks(Builder b) {
        this.login = b.login;
        this.implicitAuthorization = b.implicitAuthorization;
        this.optionalParameterRefusal = b.optionalParameterRefusal;
        this.maxPageSize = b.maxPageSize;
        this.asynchronousSigning = b.asynchronousSigning;
        this.asynchronousAuthorization = b.asynchronousAuthorization;
        this.pendingPolls = b.pendingPolls;
        this.reportCertStatus = b.reportCertStatus;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return how clients log in */
    public Login login() {
        return login;
    }

    /** @return whether credentials use {@code auth.mode} implicit (no PIN, no OTP) */
    public boolean implicitAuthorization() {
        return implicitAuthorization;
    }

    /** @return 0, or the HTTP status (400 or 501) with which {@code certInfo=true} is refused */
    public int optionalParameterRefusal() {
        return optionalParameterRefusal;
    }

    /** @return 0 (no limit), or the most credential ids one {@code credentials/list} page holds */
    public int maxPageSize() {
        return maxPageSize;
    }

    /** @return whether signHash accepts {@code operationMode} A (then {@code signatures/signPolling}) */
    public boolean asynchronousSigning() {
        return asynchronousSigning;
    }

    /** @return whether {@code credentials/authorize} answers 202 with a handle (then {@code authorizeCheck}) */
    public boolean asynchronousAuthorization() {
        return asynchronousAuthorization;
    }

    /** @return how many polls answer "pending" (202) before the result comes */
    public int pendingPolls() {
        return pendingPolls;
    }

    /** @return whether {@code credentials/info} carries {@code cert.status} */
    public boolean reportCertStatus() {
        return reportCertStatus;
    }

    @Override
    public String toString() {
        return "ServiceQuirks[login=" + login + ", implicit=" + implicitAuthorization + ", refuseOptional="
                + optionalParameterRefusal + ", maxPageSize=" + maxPageSize + ", asyncSign=" + asynchronousSigning
                + ", asyncAuthorize=" + asynchronousAuthorization + ", pendingPolls=" + pendingPolls
                + ", certStatus=" + reportCertStatus + "]";
    }

    /** Builds {@link ServiceQuirks}. */
    public static final class Builder {
        private Login login = Login.OAUTH2_CLIENT;
        private boolean implicitAuthorization;
        private int optionalParameterRefusal;
        private int maxPageSize;
        private boolean asynchronousSigning;
        private boolean asynchronousAuthorization;
        private int pendingPolls = 1;
        private boolean reportCertStatus = true;

        private Builder() {
        }

        /**
         * @param login how clients log in (default OAUTH2_CLIENT)
         * @return this builder
         */
        public Builder login(Login login) {
            this.login = Objects.requireNonNull(login, "login");
            return this;
        }

        /**
         * @param on credentials use implicit authorization: {@code credentials/authorize} with no PIN/OTP
         * @return this builder
         */
        public Builder implicitAuthorization(boolean on) {
            this.implicitAuthorization = on;
            return this;
        }

        /**
         * @param status 0 (accept), 400 or 501: how {@code certInfo=true} is refused by
         *     {@code credentials/info} and {@code credentials/list}
         * @return this builder
         */
        public Builder refuseCertInfo(int status) {
            this.optionalParameterRefusal = status;
            return this;
        }

        /**
         * @param size 0 for no limit, else the most ids per {@code credentials/list} page (then
         *     {@code nextPageToken}); {@code maxResults} is honoured below it
         * @return this builder
         */
        public Builder maxPageSize(int size) {
            this.maxPageSize = size;
            return this;
        }

        /**
         * @param on signHash accepts {@code operationMode} A and answers 202 with a {@code responseID}
         * @return this builder
         */
        public Builder asynchronousSigning(boolean on) {
            this.asynchronousSigning = on;
            return this;
        }

        /**
         * @param on {@code credentials/authorize} answers 202 with a {@code handle}, then
         *     {@code credentials/authorizeCheck} gives the SAD
         * @return this builder
         */
        public Builder asynchronousAuthorization(boolean on) {
            this.asynchronousAuthorization = on;
            return this;
        }

        /**
         * @param polls how many polls answer 202 before the result (default 1)
         * @return this builder
         */
        public Builder pendingPolls(int polls) {
            this.pendingPolls = polls;
            return this;
        }

        /**
         * @param on whether {@code credentials/info} reports {@code cert.status} (default true)
         * @return this builder
         */
        public Builder reportCertStatus(boolean on) {
            this.reportCertStatus = on;
            return this;
        }

        /**
         * @return the quirks
         * @throws IllegalArgumentException naming the field that is invalid
         */
        public ServiceQuirks build() {
            if (optionalParameterRefusal != 0 && optionalParameterRefusal != 400 && optionalParameterRefusal != 501) {
                throw new IllegalArgumentException("refuseCertInfo must be 0, 400 or 501, was " + optionalParameterRefusal);
            }
            if (maxPageSize < 0) {
                throw new IllegalArgumentException("maxPageSize must not be negative, was " + maxPageSize);
            }
            if (pendingPolls < 0 || pendingPolls > 1000) {
                throw new IllegalArgumentException("pendingPolls must be 0..1000, was " + pendingPolls);
            }
            return new ServiceQuirks(this);
        }
    }
}

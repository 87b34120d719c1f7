/**
 * Validation of AdES signatures with the EU DSS engine (ETSI EN 319 102-1 process):
 * {@link org.cscsign.validator.DocumentValidator} holds the trust settings (anchors, key stores,
 * ETSI TS 119 612 trusted lists), the network mode, the validation policy and time;
 * {@link org.cscsign.validator.ValidationResult} carries DSS's reports and one
 * {@link org.cscsign.validator.SignatureSummary} per signature;
 * {@link org.cscsign.validator.ReportWriter} renders the reports as XML, HTML and PDF.
 */
package org.cscsign.validator;

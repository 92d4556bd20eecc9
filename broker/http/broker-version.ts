/** The Ruby broker version whose API this broker reproduces; clients only display it. */
export const PACT_BROKER_COMPATIBLE_VERSION = '2.120.0';

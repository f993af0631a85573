/**
 * Who may do what on the Kafka cluster: the three applications' SASL/SCRAM principals and, for
 * each, the topics it reads and writes, its consumer-group and transactional-id prefixes and the
 * topics it creates itself ({@link io.nightshift.schemas.access.KafkaAccess}). One definition
 * serves the embedded secure broker, the setup command for a real cluster and the docs' table.
 */
package io.nightshift.schemas.access;

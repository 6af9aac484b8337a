/** airq ingest. */
package io.airq.ingest;

/** airq app. */
package io.airq.app;

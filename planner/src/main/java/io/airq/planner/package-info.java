/** airq planner. */
package io.airq.planner;

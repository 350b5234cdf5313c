package io.djflink.inference;

/**
 * A sample did not get an in-flight slot within its timeout: the model is saturated. The caller
 * decides whether that is a retry or an error-output case.
 */
public class InferenceRejectedException extends RuntimeException {
    public InferenceRejectedException(String message) {
        super(message);
    }
}

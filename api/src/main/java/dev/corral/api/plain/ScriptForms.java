package dev.corral.api.plain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.api.ApiRequest;
import dev.corral.api.multipart.UploadForms;
import dev.corral.platform.ScriptUpload;

/**
 * Reads the multipart bodies of script uploads and settings patches, in every framing the clients send (wrangler's
 * named parts, the SDK's {@code files} parts, bracket-flattened fields). The management API's multipart reader
 * implements it; the plain script endpoints only need what it yields.
 */
public interface ScriptForms {
    /** The reader of every framing the real clients send ({@link UploadForms}). */
    ScriptForms STANDARD = new ScriptForms() {
        @Override
        public ScriptUpload upload(ApiRequest request) {
            return UploadForms.scriptUpload(request.header("content-type"), request.body(), request.headers());
        }

        @Override
        public ObjectNode settings(ApiRequest request) {
            return UploadForms.settingsPatch(request.header("content-type"), request.body());
        }
    };

    /**
     * The metadata and module parts of a script or version upload.
     *
     * @throws dev.corral.platform.PlatformException 400/10026 if the body cannot be read.
     */
    ScriptUpload upload(ApiRequest request);

    /**
     * The settings object of a settings patch: the {@code settings} part of a multipart body, or a JSON body.
     *
     * @throws dev.corral.platform.PlatformException 400/10026 if the body cannot be read.
     */
    ObjectNode settings(ApiRequest request);
}

<?php
/**
 * One place that turns a widget name and its attributes into HTML, for the block and the
 * shortcode alike. Authors never write markup: everything they type is validated or escaped here,
 * and embed.js is enqueued the first time a page renders a widget (WordPress prints it once).
 *
 * @package Atrium
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const ATRIUM_SCRIPT = 'atrium-embed';

/**
 * Attributes an author may not set: event handlers would run script, `style` could cover the page,
 * `is` changes what the element is. The rest become the widget's props (strings).
 *
 * @param string $name Attribute name, lowercase.
 */
function atrium_attribute_allowed( $name ) {
	return (bool) preg_match( '/^[a-z][a-z0-9-]{0,63}$/', $name )
		&& 0 !== strpos( $name, 'on' )
		&& ! in_array( $name, array( 'name', 'style', 'is', 'slot', 'part' ), true );
}

/**
 * The `<atrium-widget>` element for a widget, or a visible note for an editor when it cannot be
 * rendered (no name, no deployment URL). Visitors of a published page see nothing in that case.
 *
 * @param string               $name       MFE name in the deployment's manifest.
 * @param array<string, mixed> $attributes Props as attributes (`base` => 'USD').
 * @return string HTML, escaped.
 */
function atrium_render_widget( $name, $attributes ) {
	$name = strtolower( trim( (string) $name ) );
	if ( ! preg_match( '/^[a-z][a-z0-9_-]{0,63}$/', $name ) ) {
		return atrium_editor_note( __( 'Atrium widget: give it the name of a widget of your deployment (lowercase letters, digits, "-" or "_").', 'atrium' ) );
	}
	$base = atrium_deployment_url();
	if ( '' === $base ) {
		return atrium_editor_note( __( 'Atrium widget: set the deployment URL in Settings › Atrium first.', 'atrium' ) );
	}
	atrium_enqueue_embed( $base );
	$html = '<atrium-widget name="' . esc_attr( $name ) . '"';
	foreach ( (array) $attributes as $key => $value ) {
		$key = strtolower( (string) $key );
		if ( ! atrium_attribute_allowed( $key ) || ! is_scalar( $value ) ) {
			continue;
		}
		$html .= ' ' . $key . '="' . esc_attr( (string) $value ) . '"';
	}
	return atrium_config_preload( $base ) . $html . '></atrium-widget>';
}

/**
 * Before the first widget of a page: a preload of the deployment's config, so the browser asks
 * for it together with embed.js (printed in the footer) instead of after embed.js has run — one
 * round trip less before the first widget shows (README, "Embedding widgets in a CMS page").
 * embed.js fetches it in the same mode (CORS, no cookies to another site), so the browser uses
 * this response. An empty string for every later widget.
 *
 * @param string $base Validated deployment URL.
 * @return string HTML, escaped.
 */
function atrium_config_preload( $base ) {
	static $printed = false;
	if ( $printed ) {
		return '';
	}
	$printed = true;
	return '<link rel="preload" as="fetch" crossorigin href="' . esc_url( $base . '/atrium.config.json' ) . '">';
}

/**
 * A note only people who can edit the post see; an empty string for visitors.
 *
 * @param string $message Plain text.
 */
function atrium_editor_note( $message ) {
	if ( ! current_user_can( 'edit_posts' ) ) {
		return '';
	}
	return '<p class="atrium-widget-note"><em>' . esc_html( $message ) . '</em></p>';
}

/**
 * Registers and enqueues embed.js from the deployment, in the footer. Calling it for every widget
 * is fine: WordPress prints a handle once.
 *
 * @param string $base Validated deployment URL.
 */
function atrium_enqueue_embed( $base ) {
	if ( ! wp_script_is( ATRIUM_SCRIPT, 'registered' ) ) {
		// No version query: embed.js is revalidated by the deployment (Cache-Control: no-cache).
		wp_register_script( ATRIUM_SCRIPT, $base . '/embed.js', array(), null, true );
	}
	wp_enqueue_script( ATRIUM_SCRIPT );
}

/**
 * embed.js is an ES module and finds its config from `data-config`: WordPress 6.1 prints classic
 * script tags, so the tag of this one handle is written here.
 *
 * @param string $tag    The tag WordPress built.
 * @param string $handle Script handle.
 * @param string $src    Script URL.
 */
function atrium_script_tag( $tag, $handle, $src ) {
	if ( ATRIUM_SCRIPT !== $handle ) {
		return $tag;
	}
	$base = atrium_deployment_url();
	return sprintf(
		'<script type="module" src="%s" data-config="%s"></script>' . "\n",
		esc_url( $src ),
		esc_url( $base . '/atrium.config.json' )
	);
}

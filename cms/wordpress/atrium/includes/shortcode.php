<?php
/**
 * `[atrium_widget name="markets" base="USD" variant="compact"]` for the classic editor: every
 * attribute but `name` becomes a prop of the widget.
 *
 * @package Atrium
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

function atrium_register_shortcode() {
	add_shortcode( 'atrium_widget', 'atrium_widget_shortcode' );
}

/**
 * @param array<string, string>|string $atts Shortcode attributes ('' when there are none).
 * @return string
 */
function atrium_widget_shortcode( $atts ) {
	$atts = is_array( $atts ) ? $atts : array();
	$name = isset( $atts['name'] ) ? $atts['name'] : '';
	unset( $atts['name'] );
	// Positional values ([atrium_widget markets]) have numeric keys: not attributes.
	$props = array_filter( $atts, 'is_string', ARRAY_FILTER_USE_KEY );
	return atrium_render_widget( $name, $props );
}

<?php
/**
 * The `atrium/widget` block: a dynamic block (the post stores only its attributes; the HTML is
 * rendered by atrium_render_widget on every view), with a plain-JS editor script, no build step.
 *
 * @package Atrium
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

function atrium_register_block() {
	wp_register_script(
		'atrium-widget-editor',
		plugins_url( 'assets/block-editor.js', ATRIUM_FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n' ),
		ATRIUM_VERSION,
		true
	);
	register_block_type(
		'atrium/widget',
		array(
			'api_version'     => 2,
			'title'           => __( 'Atrium widget', 'atrium' ),
			'category'        => 'embed',
			'icon'            => 'screenoptions',
			'description'     => __( 'A widget of your Atrium deployment (rates, accounts…), rendered in its own shadow root.', 'atrium' ),
			'editor_script'   => 'atrium-widget-editor',
			'render_callback' => 'atrium_render_widget_block',
			'supports'        => array( 'html' => false ),
			'attributes'      => array(
				'name'       => array(
					'type'    => 'string',
					'default' => '',
				),
				'attributes' => array(
					'type'    => 'object',
					'default' => array(),
				),
			),
		)
	);
}

/**
 * @param array{name?: string, attributes?: array<string, mixed>} $block_attributes Saved attributes.
 * @return string
 */
function atrium_render_widget_block( $block_attributes ) {
	$name  = isset( $block_attributes['name'] ) ? (string) $block_attributes['name'] : '';
	$props = isset( $block_attributes['attributes'] ) && is_array( $block_attributes['attributes'] ) ? $block_attributes['attributes'] : array();
	return atrium_render_widget( $name, $props );
}
